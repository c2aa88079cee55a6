// libpq's client API (Debian libpq-dev); only TideWire's Client/ folder imports it.
#include <libpq-fe.h>
