/* The load of the freshness benchmark: produces JSON rows of `transactions` to a topic at a
 * fixed rate for a number of seconds, and every 20 ms a probe row with its own user_id, whose
 * send time it prints ("<user_id> <unix seconds>") as soon as it is handed to librdkafka. A
 * Python producer at 100k messages/s takes half a core of this 2-core machine from the system
 * it measures; this one takes a few percent. Before the paced loop it sends one row and waits
 * for its acknowledgement, so connections and the idempotent producer's id are set up.
 * Build: cc -O2 -o paced_producer paced_producer.c -lrdkafka (run with librdkafka 2.16 beside it). */
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static unsigned long long state = 11;
static unsigned long next_random(unsigned long bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned long)((state >> 33) % bound);
}

static int produce(rd_kafka_t *rk, const char *topic, int partition, const char *text) {
    for (;;) {
        rd_kafka_resp_err_t e = rd_kafka_producev(
            rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_VALUE((void *)text, strlen(text)), RD_KAFKA_V_END);
        if (e == RD_KAFKA_RESP_ERR_NO_ERROR) return 0;
        if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            fprintf(stderr, "produce: %s\n", rd_kafka_err2str(e));
            return 1;
        }
        rd_kafka_poll(rk, 5);
    }
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s brokers topic partitions rate seconds\n", argv[0]);
        return 2;
    }
    const char *brokers = argv[1], *topic = argv[2];
    int partitions = atoi(argv[3]);
    double rate = atof(argv[4]), seconds = atof(argv[5]);
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", brokers, err, sizeof err);
    rd_kafka_conf_set(conf, "enable.idempotence", "true", err, sizeof err);
    rd_kafka_conf_set(conf, "linger.ms", "5", err, sizeof err);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    char text[256];
    long long ms = (long long)(now() * 1000);
    snprintf(text, sizeof text,
             "{\"txn_id\": -2000000, \"user_id\": \"warmup\", \"merchant_id\": \"m\", \"category\": \"c\", "
             "\"amount\": 1.0, \"ts\": %lld}", ms);
    if (produce(rk, topic, 0, text) || rd_kafka_flush(rk, 30000) != RD_KAFKA_RESP_ERR_NO_ERROR) return 1;
    double start = now(), next_probe = start;
    long sent = 0, probes = 0;
    while (now() - start < seconds) {
        double t = now();
        long target = (long)((t - start) * rate);
        ms = (long long)(t * 1000);
        while (sent < target) {
            snprintf(text, sizeof text,
                     "{\"txn_id\": %ld, \"user_id\": \"u%lu\", \"merchant_id\": \"m%lu\", \"category\": \"cat%lu\", "
                     "\"amount\": %lu.%02lu, \"ts\": %lld}",
                     10000000 + sent, next_random(100000), next_random(5000), next_random(20), 1 + next_random(499),
                     next_random(100), ms);
            if (produce(rk, topic, (int)(sent % partitions), text)) return 1;
            sent++;
        }
        if (t >= next_probe) {
            probes++;
            snprintf(text, sizeof text,
                     "{\"txn_id\": -%ld, \"user_id\": \"probe_%s_%ld\", \"merchant_id\": \"m\", \"category\": \"c\", "
                     "\"amount\": 1.0, \"ts\": %lld}", probes, topic, probes, ms);
            if (produce(rk, topic, (int)(probes % partitions), text)) return 1;
            printf("probe_%s_%ld %.6f\n", topic, probes, now());
            fflush(stdout);
            next_probe += 0.02;
        }
        rd_kafka_poll(rk, 0);
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
    }
    rd_kafka_flush(rk, 30000);
    fprintf(stderr, "sent %ld messages and %ld probes in %.2f s\n", sent, probes, now() - start);
    printf("done %ld\n", sent);
    rd_kafka_destroy(rk);
    return 0;
}
