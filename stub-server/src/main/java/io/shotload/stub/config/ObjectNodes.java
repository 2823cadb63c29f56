package io.shotload.stub.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers for building the JSON form of the config. */
final class ObjectNodes {

    private ObjectNodes() {
    }

    static ObjectNode empty() {
        return JsonNodeFactory.instance.objectNode();
    }
}
