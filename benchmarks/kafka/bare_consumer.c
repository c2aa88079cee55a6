/* The floor for Kafka ingest: a bare librdkafka consumer that assigns every partition of a
 * topic from the beginning and reads until it has seen N messages, touching each payload
 * once (summing its bytes), and prints messages/s. Same client settings as TideDB's source.
 * Build: cc -O2 -o bare_consumer bare_consumer.c -lrdkafka (run with librdkafka 2.16 beside it). */
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s brokers topic messages\n", argv[0]);
        return 2;
    }
    const char *brokers = argv[1], *topic = argv[2];
    long expected = atol(argv[3]);
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", brokers, err, sizeof err);
    rd_kafka_conf_set(conf, "group.id", "bare-consumer", err, sizeof err);
    rd_kafka_conf_set(conf, "enable.auto.commit", "false", err, sizeof err);
    rd_kafka_conf_set(conf, "enable.auto.offset.store", "false", err, sizeof err);
    rd_kafka_conf_set(conf, "fetch.wait.max.ms", "10", err, sizeof err);
    rd_kafka_conf_set(conf, "queued.min.messages", "200000", err, sizeof err);
    rd_kafka_conf_set(conf, "max.partition.fetch.bytes", "4194304", err, sizeof err);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    rd_kafka_poll_set_consumer(rk);
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    const struct rd_kafka_metadata *md;
    if (rd_kafka_metadata(rk, 0, rkt, &md, 10000) != RD_KAFKA_RESP_ERR_NO_ERROR || md->topic_cnt < 1) {
        fprintf(stderr, "no metadata\n");
        return 1;
    }
    int partitions = md->topics[0].partition_cnt;
    rd_kafka_metadata_destroy(md);
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; p++)
        rd_kafka_topic_partition_list_add(list, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(rk, list);
    rd_kafka_topic_partition_list_destroy(list);
    long seen = 0;
    unsigned long checksum = 0;
    double start = 0;
    while (seen < expected) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 1000);
        if (!m) continue;
        if (!m->err) {
            if (seen == 0) start = now();
            const unsigned char *p = m->payload;
            for (size_t i = 0; i < m->len; i++) checksum += p[i];
            seen++;
        }
        rd_kafka_message_destroy(m);
    }
    double elapsed = now() - start;
    printf("{\"messages\": %ld, \"seconds\": %.3f, \"rate\": %.0f, \"checksum\": %lu}\n", seen, elapsed,
           seen / elapsed, checksum);
    rd_kafka_consumer_close(rk);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(rk);
    return 0;
}
