package io.shotload.cli;

/** A bad command line; the message names the flag, the value and what is allowed. */
class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
