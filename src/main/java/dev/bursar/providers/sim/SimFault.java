package dev.bursar.providers.sim;

/** What the sim does to one call instead of answering normally. */
enum SimFault {
    NONE, RATE_LIMITED, SERVER_ERROR, TIMEOUT, CUT
}
