package io.shotload.stub.urlpolicy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses; tests pass a fixed table so that no lookup leaves the machine. */
@FunctionalInterface
public interface HostResolver {

    /**
     * Resolves {@code host}, a lower-case name without a trailing dot that is not an IP literal.
     *
     * @throws UnknownHostException if the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** Returns the resolver of the JVM, {@link InetAddress#getAllByName}. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
