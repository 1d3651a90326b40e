#!/bin/sh
# A private inner class of a generic class, created in an @Async method: the companion's static helpers
# (class-object constant, constructor invoker) print the outer class's type variable K undeclared.
# Expected output once fixed: [a, b]
# Usage: run.sh REPO_ROOT
R=${1:-../../..}
JP=$(find ~/.m2/repository/com/palantir/javapoet/javapoet -name 'javapoet-*.jar' | head -1)
D=$(mktemp -d)
javac -d "$D" -cp "$R/runtime/target/classes" \
  -processorpath "$R/processor/target/classes:$JP:$R/runtime/target/classes" src/app/Box.java &&
java -cp "$D:$R/runtime/target/classes" app.Box
# The same with a private *static* generic nested class (its own K, V). Expected: a=1
javac -d "$D" -cp "$R/runtime/target/classes" \
  -processorpath "$R/processor/target/classes:$JP:$R/runtime/target/classes" src/app/Bucket.java &&
java -cp "$D:$R/runtime/target/classes" app.Bucket
