package io.shotload.stub.urlpolicy;

/**
 * The outcome of a URL policy check.
 *
 * @param allowed true when the request may go ahead
 * @param reason why it was blocked; null when allowed
 * @param message a sentence for the client naming the host or scheme; null when allowed
 */
public record UrlDecision(boolean allowed, BlockReason reason, String message) {

    public static final UrlDecision ALLOW = new UrlDecision(true, null, null);

    public static UrlDecision block(BlockReason reason, String message) {
        return new UrlDecision(false, reason, message);
    }
}
