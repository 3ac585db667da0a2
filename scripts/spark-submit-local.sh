#!/usr/bin/env bash
# Runs `spark-submit ARGS...` where no Spark distribution is installed: the same arguments go to
# org.apache.spark.deploy.SparkSubmit (the class spark-submit runs) on Spark 4.2.0's class path as
# Maven resolves it (scripts/spark-runtime/pom.xml, cached in target/spark-runtime-classpath.txt).
# In client mode the driver is this JVM, so what spark-submit would pass to the driver JVM it starts
# (--driver-java-options, --driver-memory) is applied to this java command here; every argument is
# also handed to SparkSubmit unchanged. Builds xnet-spark/target/xnet-spark.jar and target/lib when
# they are missing. Usage: scripts/spark-submit-local.sh --master 'local[2]' ... (see README, Apache Spark).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cp_file="$here/xnet-spark/target/spark-runtime-classpath.txt"
if [[ ! -f "$here/xnet-spark/target/xnet-spark.jar" ]]; then
  echo "spark-submit-local: building xnet-spark (first run only)..." >&2
  mvn -q -B -f "$here/pom.xml" -pl xnet-spark -am -DskipTests package >&2
fi
if [[ ! -f "$cp_file" ]]; then
  mvn -q -B -f "$here/scripts/spark-runtime/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
fi
java_opts=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --driver-java-options) read -r -a extra <<< "${args[$((i + 1))]}"; java_opts+=("${extra[@]}") ;;
    --driver-java-options=*) read -r -a extra <<< "${args[$i]#*=}"; java_opts+=("${extra[@]}") ;;
    --driver-memory) java_opts+=("-Xmx${args[$((i + 1))]}") ;;
  esac
done
exec java ${java_opts[@]+"${java_opts[@]}"} -cp "$(cat "$cp_file")" org.apache.spark.deploy.SparkSubmit "$@"
