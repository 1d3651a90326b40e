#!/bin/sh
# Only app/Main.java is a root; lib/Util.java comes from -sourcepath (javac compiles it implicitly).
# Usage: run.sh REPO_ROOT
R=${1:-../../..}
JP=$(find ~/.m2/repository/com/palantir/javapoet/javapoet -name 'javapoet-*.jar' | head -1)
D=$(mktemp -d)
javac -d "$D" -cp "$R/runtime/target/classes" -sourcepath src \
  -processorpath "$R/processor/target/classes:$JP:$R/runtime/target/classes" src/app/Main.java &&
java -cp "$D:$R/runtime/target/classes" app.Main
