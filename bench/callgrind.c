/* For bench.instruksi: start callgrind's instrumentation once the process has started (Django's
   imports and the bench's sessions then run at valgrind's plain speed, not instrumented). */
#include <valgrind/callgrind.h>

void instrumentasi_mulai(void) { CALLGRIND_START_INSTRUMENTATION; }
