#!/bin/sh
# Creates Earshot's Kafka topics when missing; run once by the kafka-init service of compose.yaml.
# The posts topic gets as many partitions as the job's default parallelism, so that every source subtask
# reads one: a source subtask without a partition holds back event time unless the job sets idleness.
set -eu

BOOTSTRAP_SERVERS=${BOOTSTRAP_SERVERS:-kafka:9092}
POSTS_PARTITIONS=${POSTS_PARTITIONS:-2}
KAFKA_TOPICS=/opt/kafka/bin/kafka-topics.sh

create() {
    "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists \
        --topic "$1" --partitions "$2" --replication-factor 1
}

create earshot.posts "$POSTS_PARTITIONS"
create earshot.posts.dlq 1
# One partition each: consumers see every version of an alert or a ticket in order.
create earshot.alerts 1
create earshot.tickets 1
create earshot.window-stats 1
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP_SERVERS" --list
