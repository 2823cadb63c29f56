package io.shotload.stub.egress;

import io.shotload.stub.urlpolicy.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A resolver table for tests, so that no lookup leaves the machine. A name may have a sequence of
 * answers, one per lookup, the last repeated, which is how a rebinding DNS server behaves. Every
 * lookup is recorded.
 */
final class FixedResolver implements HostResolver {

    private final Map<String, List<String>> answers = new ConcurrentHashMap<>();
    private final List<String> lookups = new CopyOnWriteArrayList<>();

    /**
     * Adds the addresses for {@code host}: {@code addressesPerLookup[i]} is the comma-separated address
     * list of the (i+1)-th lookup, and the last entry also serves every later lookup.
     */
    FixedResolver answer(String host, String... addressesPerLookup) {
        answers.put(host, List.of(addressesPerLookup));
        return this;
    }

    @Override
    public synchronized List<InetAddress> resolve(String host) throws UnknownHostException {
        int lookupIndex = (int) lookups.stream().filter(host::equals).count();
        lookups.add(host);
        List<String> sequence = answers.get(host);
        if (sequence == null) {
            throw new UnknownHostException(host + " is not in the test resolver table");
        }
        String answer = sequence.get(Math.min(lookupIndex, sequence.size() - 1));
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : answer.split(",")) {
            // An IP literal, so getByName parses it without a lookup.
            addresses.add(InetAddress.getByName(literal));
        }
        return addresses;
    }

    /** Returns every name looked up, in order. */
    List<String> lookups() {
        return List.copyOf(lookups);
    }
}
