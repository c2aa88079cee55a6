// libpq's client API (Debian libpq-dev); only TideWire's Client/ folder (the shell's
// --connect) and TideStore's Postgres/ folder (LOAD DATA / INTO OUTFILE) import it.
#include <libpq-fe.h>
