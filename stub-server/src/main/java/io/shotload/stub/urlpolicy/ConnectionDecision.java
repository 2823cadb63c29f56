package io.shotload.stub.urlpolicy;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link UrlPolicy#checkConnection}: the decision and, when allowed, the addresses the
 * policy checked. A caller connects only to these addresses, so nothing resolves the host name a
 * second time between the check and the connection.
 *
 * @param decision whether the connection may be made, and why not
 * @param addresses the checked addresses in the resolver's order; empty when blocked
 */
public record ConnectionDecision(UrlDecision decision, List<InetAddress> addresses) {

    public ConnectionDecision {
        Objects.requireNonNull(decision, "decision");
        addresses = List.copyOf(addresses);
        if (decision.allowed() == addresses.isEmpty()) {
            throw new IllegalArgumentException("An allowed connection needs at least one address and a blocked one"
                    + " none; got " + addresses.size() + " for allowed = " + decision.allowed() + ".");
        }
    }

    static ConnectionDecision allow(List<InetAddress> addresses) {
        return new ConnectionDecision(UrlDecision.ALLOW, addresses);
    }

    static ConnectionDecision block(BlockReason reason, String message) {
        return new ConnectionDecision(UrlDecision.block(reason, message), List.of());
    }

    /** Returns true when the connection may be made to one of {@link #addresses()}. */
    public boolean allowed() {
        return decision.allowed();
    }
}
