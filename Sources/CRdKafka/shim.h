// librdkafka's C API (Debian librdkafka-dev headers). Only TideKafka/RDKafka imports this module.
// At run time the tests load librdkafka 2.16 from the confluent-kafka wheel (DEPENDENCIES.md §3).
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
