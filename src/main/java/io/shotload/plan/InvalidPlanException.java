package io.shotload.plan;

/** A load plan that cannot run; the message names the plan, scenario, field, value and the rule. */
public class InvalidPlanException extends RuntimeException {

    public InvalidPlanException(String message) {
        super(message);
    }

    public InvalidPlanException(String message, Throwable cause) {
        super(message, cause);
    }
}
