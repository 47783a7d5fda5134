#!/bin/sh
# One generator pod of the Indexed Job: its index comes from JOB_COMPLETION_INDEX (set by Kubernetes), the number of
# generators and the common start from the Job's environment; its run folder goes to the shared volume, one folder
# per pod. Extra arguments (the profile, the load) are passed to Gatling as they are: -Drtt=80ms -Dusers=60 ...
set -eu
: "${GENERATORS:?set GENERATORS to the Job's completions}"
: "${START_AT:?set START_AT to an ISO-8601 instant a little after the Job starts}"
: "${RESULTS:=/results}"
exec mvn -B -o -f /roundtrip/pom.xml gatling:test \
  -Dgenerators="$GENERATORS" -DstartAt="$START_AT" \
  -Droundtrip.results="$RESULTS/generator-${JOB_COMPLETION_INDEX:-0}" "$@"
