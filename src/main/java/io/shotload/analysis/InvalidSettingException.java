package io.shotload.analysis;

/** An analysis setting out of range or not a number; the message names the setting, the value and the rule. */
public class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String message) {
        super(message);
    }
}
