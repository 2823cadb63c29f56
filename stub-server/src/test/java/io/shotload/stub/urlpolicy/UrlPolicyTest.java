package io.shotload.stub.urlpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pure policy checks: a fixed resolver table, so no test here sends or resolves anything. */
class UrlPolicyTest {

    private static final String FIXTURE_ORIGIN = "http://127.0.0.1:8080";

    private final List<String> lookups = new ArrayList<>();
    private final HostResolver table = host -> {
        lookups.add(host);
        Map<String, String> answers = Map.of(
                "public.test", "93.184.216.34",
                "rebind.test", "10.1.2.3",
                "mixed.test", "93.184.216.34,169.254.169.254",
                "localhost", "127.0.0.1",
                "cdn.example.com", "93.184.216.35");
        String answer = answers.get(host);
        if (answer == null) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : answer.split(",")) {
            addresses.add(InetAddress.getByName(literal));
        }
        return addresses;
    };

    private UrlPolicy defaultPolicy() {
        return new UrlPolicy(UrlPolicyConfig.DEFAULTS, List.of(FIXTURE_ORIGIN), table);
    }

    private UrlPolicy policy(UrlPolicyConfig config) {
        return new UrlPolicy(config, List.of(FIXTURE_ORIGIN), table);
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8080/fixtures/lobby.html",
        "HTTP://127.0.0.1:8080/fixtures/lobby.html",
        "http://2130706433:8080/x",
        "http://0177.0.0.1:8080/x",
        "http://0x7f.1:8080/x",
        "http://127.0.0.1.:8080/x",
        "http://user@127.0.0.1:8080/x",
        "http:\\\\127.0.0.1:8080\\x",
        "  http://127.0.0.1:8080/x  ",
        "http://[::ffff:127.0.0.1]:8080/x",
    })
    void fixtureOriginAllowedInEveryForm(String url) {
        assertThat(defaultPolicy().checkNavigation(url).allowed()).as(url).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:9999/, loopback",
        "http://2130706433/, loopback",
        "http://0177.0.0.1/, loopback",
        "http://0x7f.1/, loopback",
        "http://0x7f000001/, loopback",
        "http://127.1/, loopback",
        "http://[::1]/, loopback",
        "http://[::ffff:127.0.0.1]/, loopback",
        "http://[::ffff:7f00:1]/, loopback",
        "http://[0:0:0:0:0:ffff:127.0.0.1]:9090/, loopback",
        "http://10.0.0.1/, private",
        "http://172.16.5.4/, private",
        "http://192.168.1.1/, private",
        "http://[fd12:3456::1]/, private",
        "http://[::ffff:192.168.0.1]/, private",
        "http://[64:ff9b::10.0.0.1]/, private",
        "http://[2002:c0a8:0101::1]/, private",
        "http://169.254.169.254/latest/meta-data/, metadata",
        "http://169.254.169.254./, metadata",
        "http://0xa9fea9fe/, metadata",
        "http://2852039166/, metadata",
        "http://[::ffff:169.254.169.254]/, metadata",
        "http://[fd00:ec2::254]/, metadata",
        "http://100.100.100.200/, metadata",
        "http://169.254.1.1/, link_local",
        "http://[fe80::1]/, link_local",
        "http://100.64.0.1/, cgnat",
        "http://0.0.0.0/, reserved",
        "http://0/, reserved",
        "http://[::]/, reserved",
        "http://224.0.0.1/, reserved",
        "http://255.255.255.255/, reserved",
        "http://public.test/, host_not_allowed",
        "http://localhost/, host_not_allowed",
        "http://93.184.216.34/, host_not_allowed",
        "file:///etc/passwd, scheme",
        "FILE:///etc/passwd, scheme",
        "chrome://settings, scheme",
        "view-source:http://127.0.0.1:8080/, scheme",
        "javascript:alert(1), scheme",
        "'data:text/html;base64,PGgxPg==', scheme",
        "ftp://127.0.0.1:8080/, scheme",
        "ws://127.0.0.1:8080/, scheme",
        "not a url, malformed_url",
        "http://, malformed_url",
        "http://127.0.0.1:99999/, malformed_url",
        "http://256.256.256.256/, malformed_url",
        "http://1.2.3.4.5/, malformed_url",
        "http://[::1/, malformed_url",
        "http://%zz/, malformed_url",
    })
    void navigationBlockedWithReason(String url, String reason) {
        UrlDecision decision = defaultPolicy().checkNavigation(url);

        assertThat(decision.allowed()).as(url).isFalse();
        assertThat(decision.reason().label()).as(url).isEqualTo(reason);
    }

    @Test
    void disallowedNameIsNeverResolved() {
        defaultPolicy().checkNavigation("http://public.test/");

        assertThat(lookups).isEmpty();
    }

    @Test
    void allowedHostPassesWhenPublic() {
        UrlPolicy policy = policy(withHosts(List.of("public.test")));

        assertThat(policy.checkNavigation("https://public.test/page").allowed()).isTrue();
        assertThat(policy.checkNavigation("https://PUBLIC.TEST./page").allowed()).isTrue();
    }

    @Test
    void allowedHostResolvingToPrivateIsBlocked() {
        UrlDecision decision = policy(withHosts(List.of("rebind.test"))).checkNavigation("http://rebind.test/");

        assertThat(decision.reason()).isEqualTo(BlockReason.PRIVATE);
    }

    @Test
    void anyDeniedAddressBlocksTheHost() {
        UrlDecision decision = policy(withHosts(List.of("mixed.test"))).checkNavigation("http://mixed.test/");

        assertThat(decision.reason()).isEqualTo(BlockReason.METADATA);
    }

    @Test
    void unresolvedAllowedHostIsBlocked() {
        UrlDecision decision = policy(withHosts(List.of("missing.test"))).checkNavigation("http://missing.test/");

        assertThat(decision.reason()).isEqualTo(BlockReason.UNRESOLVED_HOST);
    }

    @Test
    void wildcardMatchesSubdomainsOnly() {
        UrlPolicy policy = policy(withHosts(List.of("*.example.com")));

        assertThat(policy.checkNavigation("http://cdn.example.com/").allowed()).isTrue();
        assertThat(policy.checkNavigation("http://example.com/").reason()).isEqualTo(BlockReason.HOST_NOT_ALLOWED);
        assertThat(policy.checkNavigation("http://evilexample.com/").reason())
                .isEqualTo(BlockReason.HOST_NOT_ALLOWED);
    }

    @Test
    void loopbackAllowedOnlyWhenConfigured() {
        UrlPolicyConfig config = new UrlPolicyConfig(List.of(), List.of("localhost"), false, true, false, false,
                false, false, true);

        assertThat(policy(config).checkNavigation("http://localhost:9000/").allowed()).isTrue();
        assertThat(policy(withHosts(List.of("localhost"))).checkNavigation("http://localhost:9000/").reason())
                .isEqualTo(BlockReason.LOOPBACK);
    }

    @Test
    void allowPrivateKeepsMetadataBlocked() {
        UrlPolicyConfig config = new UrlPolicyConfig(List.of(), List.of(), true, true, true, true, true, false,
                true);

        assertThat(policy(config).checkNavigation("http://10.0.0.1/").allowed()).isTrue();
        assertThat(policy(config).checkNavigation("http://169.254.169.254/").reason())
                .isEqualTo(BlockReason.METADATA);
        assertThat(policy(config).checkNavigation("http://0.0.0.0/").reason()).isEqualTo(BlockReason.RESERVED);
    }

    @Test
    void otherPortOfFixtureHostIsBlocked() {
        assertThat(defaultPolicy().checkSubresource("http://127.0.0.1:8081/").reason())
                .isEqualTo(BlockReason.LOOPBACK);
    }

    @Test
    void subresourceAllowsLocalSchemes() {
        UrlPolicy policy = defaultPolicy();

        assertThat(policy.checkSubresource("data:image/png;base64,AAAA").allowed()).isTrue();
        assertThat(policy.checkSubresource("blob:http://127.0.0.1:8080/1234").allowed()).isTrue();
        assertThat(policy.checkSubresource("about:blank").allowed()).isTrue();
    }

    @Test
    void subresourceBlocksFileAndRemoteWebSocket() {
        UrlPolicy policy = defaultPolicy();

        assertThat(policy.checkSubresource("file:///etc/passwd").reason()).isEqualTo(BlockReason.SCHEME);
        assertThat(policy.checkSubresource("ws://127.0.0.1:8080/socket").allowed()).isTrue();
        assertThat(policy.checkSubresource("wss://10.0.0.1/socket").reason()).isEqualTo(BlockReason.PRIVATE);
    }

    @Test
    void connectionToAllowedHostReturnsCheckedAddresses() throws Exception {
        ConnectionDecision decision = policy(withHosts(List.of("public.test"))).checkConnection("public.test", 443);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.addresses()).containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThat(lookups).containsExactly("public.test");
    }

    @Test
    void connectionToOriginHostPortIsTrusted() throws Exception {
        ConnectionDecision decision = defaultPolicy().checkConnection("127.0.0.1", 8080);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.addresses()).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(defaultPolicy().checkConnection("2130706433", 8080).allowed()).as("decimal form").isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 8081, loopback",
        "2130706433, 8081, loopback",
        "0x7f.1, 9999, loopback",
        "::1, 80, loopback",
        "[::1], 80, loopback",
        "fd12::7, 443, private",
        "10.0.0.7, 80, private",
        "169.254.169.254, 80, metadata",
        "public.test, 443, host_not_allowed",
        "evil.test/x, 80, malformed_url",
        "a@127.0.0.1, 8080, malformed_url",
        "127.0.0.1:8080, 80, malformed_url",
        "'', 80, malformed_url",
        "127.0.0.1, 0, malformed_url",
    })
    void connectionBlockedWithReason(String host, int port, String reason) {
        ConnectionDecision decision = defaultPolicy().checkConnection(host, port);

        assertThat(decision.allowed()).as(host + ":" + port).isFalse();
        assertThat(decision.decision().reason().label()).as(host + ":" + port).isEqualTo(reason);
        assertThat(decision.addresses()).as(host + ":" + port).isEmpty();
    }

    @Test
    void connectionToDisallowedNameIsNeverResolved() {
        defaultPolicy().checkConnection("public.test", 443);

        assertThat(lookups).isEmpty();
    }

    @Test
    void connectionToHostResolvingToPrivateIsBlocked() {
        ConnectionDecision decision = policy(withHosts(List.of("rebind.test"))).checkConnection("rebind.test", 80);

        assertThat(decision.decision().reason()).isEqualTo(BlockReason.PRIVATE);
        assertThat(decision.addresses()).isEmpty();
    }

    @Test
    void connectionToUnresolvedHostIsBlocked() {
        ConnectionDecision decision = policy(withHosts(List.of("missing.test"))).checkConnection("missing.test", 80);

        assertThat(decision.decision().reason()).isEqualTo(BlockReason.UNRESOLVED_HOST);
    }

    @Test
    void allowedOriginHostPortsIncludeServerOrigin() {
        UrlPolicyConfig config = new UrlPolicyConfig(List.of("https://cdn.example.com", "http://[::1]:9000"),
                List.of("public.test"), false, false, false, false, false, false, true);

        assertThat(policy(config).allowedOriginHostPorts())
                .containsExactly("cdn.example.com:443", "[0:0:0:0:0:0:0:1]:9000", "127.0.0.1:8080");
    }

    @Test
    void invalidConfigOriginNamesField() {
        assertThatThrownBy(() -> new UrlPolicyConfig(List.of("ftp://x"), List.of(), false, false, false, false,
                false, false, true))
                .hasMessageContaining("url_policy.allowed_origins[0] = \"ftp://x\"");
    }

    @Test
    void invalidConfigHostNamesField() {
        assertThatThrownBy(() -> new UrlPolicyConfig(List.of(), List.of("http://a/b"), false, false, false, false,
                false, false, true))
                .hasMessageContaining("url_policy.allowed_hosts[0]");
    }

    private static UrlPolicyConfig withHosts(List<String> hosts) {
        return new UrlPolicyConfig(List.of(), hosts, false, false, false, false, false, false, true);
    }
}
