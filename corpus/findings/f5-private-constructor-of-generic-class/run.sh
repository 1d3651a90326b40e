#!/bin/sh
# A private constructor of a generic class, called from an @Async method: its invoker prints the
# class type variable E undeclared.
# Expected output once fixed: [a, b]
# Usage: run.sh REPO_ROOT
R=${1:-../../..}
JP=$(find ~/.m2/repository/com/palantir/javapoet/javapoet -name 'javapoet-*.jar' | head -1)
D=$(mktemp -d)
javac -d "$D" -cp "$R/runtime/target/classes" \
  -processorpath "$R/processor/target/classes:$JP:$R/runtime/target/classes" src/app/Frozen.java &&
java -cp "$D:$R/runtime/target/classes" app.Frozen
