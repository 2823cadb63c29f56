package io.shotload.stub.chromium;

import com.fasterxml.jackson.databind.JsonNode;
import io.shotload.stub.chromium.cdp.CdpConnection;
import io.shotload.stub.urlpolicy.BlockReason;
import io.shotload.stub.urlpolicy.UrlDecision;
import io.shotload.stub.urlpolicy.UrlPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page target attached in flat mode, with the guards every capture needs.
 *
 * <p>Guards, set up once per page: every request of the page and of the frames and workers it starts
 * is paused with {@code Fetch.enable} and checked against the {@link UrlPolicy} before Chromium
 * connects; child targets (out-of-process iframes, workers) are attached paused through
 * {@code Target.setAutoAttach} and get the same guard before they run; service workers are kept paused
 * and a script rejects {@code navigator.serviceWorker.register}; JavaScript dialogs are dismissed;
 * downloads are denied for the page's browser context.
 *
 * <p>WebSockets do not pass through the Fetch domain. The egress proxy that Chromium connects through
 * (see {@link ChromiumBackend}) checks them, as it checks every connection to a host that is not an
 * allowed origin.
 */
final class PageSession {

    private static final Logger LOG = LoggerFactory.getLogger(PageSession.class);

    /** Name of the function the guard script calls to report a blocked service worker. */
    private static final String BLOCK_BINDING = "__shotloadReportBlocked";
    private static final String GUARD_SCRIPT = """
            (() => {
              const container = globalThis.ServiceWorkerContainer;
              if (!container) return;
              Object.defineProperty(container.prototype, 'register', {
                configurable: false,
                value: function register() {
                  try { globalThis.%1$s('service_worker'); } catch (ignored) {}
                  return Promise.reject(new DOMException(
                      'Service workers are disabled by the screenshot service', 'SecurityError'));
                }
              });
            })();
            """.formatted(BLOCK_BINDING);

    /**
     * Removes WebRTC's peer connections from every document. Their UDP does not pass the egress proxy:
     * with Chromium 156 a STUN request reached a loopback listener even with
     * {@code --force-webrtc-ip-handling-policy=disable_non_proxied_udp}.
     */
    private static final String NO_WEBRTC_SCRIPT = """
            (() => {
              for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection']) {
                try {
                  Object.defineProperty(globalThis, name, { configurable: false, writable: false, value: undefined });
                } catch (ignored) {}
              }
            })();
            """;

    final Browser browser;
    final String browserContextId;
    final String targetId;
    final String sessionId;
    /** True for a tab of the browser's shared window, which must come to the front for its screenshot. */
    final boolean tab;
    private final CdpConnection cdp;
    private final UrlPolicy policy;
    private final ChromiumMetrics metrics;
    private final Map<String, String> childSessions = new ConcurrentHashMap<>();

    /** The capture using this page now; null between captures. */
    volatile CaptureJob currentJob;

    private PageSession(Browser browser, String browserContextId, String targetId, String sessionId, boolean tab,
            UrlPolicy policy, ChromiumMetrics metrics) {
        this.browser = browser;
        this.cdp = browser.cdp;
        this.browserContextId = browserContextId;
        this.targetId = targetId;
        this.sessionId = sessionId;
        this.tab = tab;
        this.policy = policy;
        this.metrics = metrics;
    }

    /**
     * Creates a page in {@code browserContextId} (null for the browser's default context), attaches to
     * it and installs the guards.
     *
     * @param ownWindow whether a page of the default context gets its own window rather than a tab of a
     *     shared one. A page in its own browser context always gets a window.
     */
    static CompletableFuture<PageSession> open(Browser browser, String browserContextId, boolean ownWindow,
            UrlPolicy policy, ChromiumMetrics metrics) {
        CdpConnection cdp = browser.cdp;
        // Chromium draws only the front tab of a window, so a tab takes its screenshot during its turn at the
        // front (see TabTurns). A fresh browser context has no window to open a tab in, so its page gets one.
        boolean newWindow = ownWindow || browserContextId != null;
        Map<String, Object> createParams = new HashMap<>(Map.of("url", "about:blank", "newWindow", newWindow));
        if (!newWindow) {
            // A new tab opened in front would hide the tab whose screenshot is being taken.
            createParams.put("background", true);
        }
        if (browserContextId != null) {
            createParams.put("browserContextId", browserContextId);
        }
        return cdp.send("Target.createTarget", createParams)
                .thenCompose(created -> {
                    String targetId = created.path("targetId").asText();
                    return cdp.send("Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                            .thenApply(attached -> new PageSession(browser, browserContextId, targetId,
                                    attached.path("sessionId").asText(), !newWindow, policy, metrics));
                })
                .thenCompose(page -> page.installGuards().thenApply(ignored -> page));
    }

    private CompletableFuture<Void> installGuards() {
        listen(sessionId);
        cdp.on(sessionId, "Page.javascriptDialogOpening", this::dismissDialog);
        cdp.on(sessionId, "Page.loadEventFired", params -> {
            CaptureJob job = currentJob;
            if (job != null) {
                job.onLoadEvent();
            }
        });
        cdp.on(sessionId, "Inspector.targetCrashed", params -> {
            CaptureJob job = currentJob;
            if (job != null) {
                job.onRendererCrashed();
            }
        });

        Map<String, Object> downloadParams = new HashMap<>(Map.of("behavior", "deny"));
        if (browserContextId != null) {
            downloadParams.put("browserContextId", browserContextId);
        }
        List<CompletableFuture<JsonNode>> setup = new ArrayList<>(guardCommands(sessionId, true));
        setup.add(cdp.send(sessionId, "Page.enable", Map.of()));
        setup.add(cdp.send(sessionId, "Inspector.enable", Map.of()));
        setup.add(cdp.send(sessionId, "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce")))));
        setup.add(cdp.send("Browser.setDownloadBehavior", downloadParams));
        return CompletableFuture.allOf(setup.toArray(CompletableFuture[]::new));
    }

    /** Commands that put one target (the page or a child) under the URL policy. */
    private List<CompletableFuture<JsonNode>> guardCommands(String session, boolean frameTarget) {
        List<CompletableFuture<JsonNode>> commands = new ArrayList<>();
        commands.add(cdp.send(session, "Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", "*")))));
        commands.add(cdp.send(session, "Target.setAutoAttach",
                Map.of("autoAttach", true, "waitForDebuggerOnStart", true, "flatten", true)));
        if (frameTarget) {
            commands.add(cdp.send(session, "Page.addScriptToEvaluateOnNewDocument", Map.of("source", NO_WEBRTC_SCRIPT)));
        }
        if (frameTarget && policy.blocksServiceWorkers()) {
            // Chromium 156 sends Runtime.bindingCalled only while the Runtime domain is enabled.
            commands.add(cdp.send(session, "Runtime.enable", Map.of()));
            commands.add(cdp.send(session, "Runtime.addBinding", Map.of("name", BLOCK_BINDING)));
            commands.add(cdp.send(session, "Page.addScriptToEvaluateOnNewDocument", Map.of("source", GUARD_SCRIPT)));
        }
        return commands;
    }

    /** Registers the request and child-target handlers of one session. */
    private void listen(String session) {
        cdp.on(session, "Fetch.requestPaused", params -> onRequestPaused(session, params));
        cdp.on(session, "Target.attachedToTarget", this::onAttachedToTarget);
        cdp.on(session, "Target.detachedFromTarget", params -> {
            String child = params.path("sessionId").asText();
            childSessions.remove(child);
            cdp.removeSession(child);
        });
        cdp.on(session, "Runtime.bindingCalled", params -> {
            if (BLOCK_BINDING.equals(params.path("name").asText())
                    && "service_worker".equals(params.path("payload").asText())) {
                recordBlock(BlockReason.SERVICE_WORKER, null, null,
                        UrlDecision.block(BlockReason.SERVICE_WORKER, "service workers are disabled"));
            }
        });
    }

    private void onRequestPaused(String session, JsonNode params) {
        String requestId = params.path("requestId").asText();
        String url = params.path("request").path("url").asText();
        UrlDecision decision = policy.checkSubresource(url);
        if (decision.allowed()) {
            cdp.send(session, "Fetch.continueRequest", Map.of("requestId", requestId));
            return;
        }
        recordBlock(decision.reason(), params.path("resourceType").asText(), params.path("frameId").asText(),
                decision);
        LOG.debug("{}: blocked {} ({})", browser.name, url, decision.reason().label());
        cdp.send(session, "Fetch.failRequest", Map.of("requestId", requestId, "errorReason", "BlockedByClient"));
    }

    private void onAttachedToTarget(JsonNode params) {
        String child = params.path("sessionId").asText();
        JsonNode targetInfo = params.path("targetInfo");
        String type = targetInfo.path("type").asText();
        if (type.equals("service_worker") && policy.blocksServiceWorkers()) {
            // Left paused before its first script statement; it goes away with the browser context.
            recordBlock(BlockReason.SERVICE_WORKER, null, null,
                    UrlDecision.block(BlockReason.SERVICE_WORKER, "service workers are disabled"));
            cdp.send("Target.closeTarget", Map.of("targetId", targetInfo.path("targetId").asText()));
            return;
        }
        childSessions.put(child, type);
        listen(child);
        boolean frameTarget = type.equals("iframe");
        List<CompletableFuture<JsonNode>> guards = guardCommands(child, frameTarget);
        // Workers may not support every command; the child runs once Fetch is on, whatever the rest did.
        guards.get(0).handle((result, error) -> {
            if (error != null) {
                LOG.debug("{}: Fetch.enable failed on a {} target: {}", browser.name, type, error.toString());
            }
            return cdp.send(child, "Runtime.runIfWaitingForDebugger", Map.of());
        });
    }

    private void dismissDialog(JsonNode params) {
        // Accept beforeunload so that the next navigation of a reused page is not cancelled.
        boolean accept = "beforeunload".equals(params.path("type").asText());
        cdp.send(sessionId, "Page.handleJavaScriptDialog", Map.of("accept", accept));
    }

    private void recordBlock(BlockReason reason, String resourceType, String frameId, UrlDecision decision) {
        metrics.recordBlocked(reason);
        CaptureJob job = currentJob;
        if (job != null && "Document".equals(resourceType) && targetId.equals(frameId)) {
            job.onMainDocumentBlocked(decision);
        }
    }

    /** Removes this page's handlers; the target itself is closed by the caller. */
    void forgetHandlers() {
        for (String child : childSessions.keySet()) {
            cdp.removeSession(child);
        }
        cdp.removeSession(sessionId);
    }
}
