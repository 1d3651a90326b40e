#!/bin/sh
# Compiles Main.java with a sources jar on the class path (as Maven does for a dependency with classifier
# "sources"). Usage: run.sh REPO_ROOT
R=${1:-../../..}
JP=$(find ~/.m2/repository/com/palantir/javapoet/javapoet -name 'javapoet-*.jar' | head -1)
D=$(mktemp -d)
javac -d "$D" -cp "$R/runtime/target/classes:lib/helper-sources.jar" \
  -processorpath "$R/processor/target/classes:$JP:$R/runtime/target/classes" src/app/Main.java src/app/Helper.java &&
java -cp "$D:$R/runtime/target/classes" app.Main
