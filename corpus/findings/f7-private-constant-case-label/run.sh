#!/bin/sh
# A private static final constant as a case label in an @Async method: the companion reads it
# through a getter, which is no constant expression.
# Expected output once fixed: quote
# Usage: run.sh REPO_ROOT
R=${1:-../../..}
JP=$(find ~/.m2/repository/com/palantir/javapoet/javapoet -name 'javapoet-*.jar' | head -1)
D=$(mktemp -d)
javac -d "$D" -cp "$R/runtime/target/classes" \
  -processorpath "$R/processor/target/classes:$JP:$R/runtime/target/classes" src/app/Quote.java &&
java -cp "$D:$R/runtime/target/classes" app.Quote
