package io.mailtrail.cli.setup.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonMatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean matches(String desired, String installed) throws Exception {
        JsonNode d = JSON.readTree(desired.replace('\'', '"'));
        JsonNode i = JSON.readTree(installed.replace('\'', '"'));
        return JsonMatch.matches(d, i);
    }

    @Test
    void serverAdditionsOutsideMappingsAndSettingsDoNotCount() throws Exception {
        assertThat(matches("{'data_stream':{},'priority':200}",
                "{'data_stream':{'hidden':false,'allow_custom_routing':false},'priority':200}")).isTrue();
        assertThat(matches("{'template':{'lifecycle':{'data_retention':'30d'}}}",
                "{'template':{'lifecycle':{'enabled':true,'data_retention':'30d'}}}")).isTrue();
    }

    @Test
    void changedValuesCount() throws Exception {
        assertThat(matches("{'priority':200}", "{'priority':100}")).isFalse();
        assertThat(matches("{'composed_of':['a','b']}", "{'composed_of':['a']}")).isFalse();
        assertThat(matches("{'template':{'lifecycle':{'data_retention':'30d'}}}", "{'template':{}}")).isFalse();
    }

    @Test
    void settingsCompareFlattenedWithValuesAsText() throws Exception {
        assertThat(matches("{'settings':{'index.mapping.total_fields.ignore_dynamic_beyond_limit':true}}",
                "{'settings':{'index':{'mapping':{'total_fields':{'ignore_dynamic_beyond_limit':'true'}}}}}")).isTrue();
        assertThat(matches("{'settings':{'index.mapping.total_fields.ignore_dynamic_beyond_limit':true}}",
                "{'settings':{'index':{'mapping':{'total_fields':{'ignore_dynamic_beyond_limit':'false'}}}}}")).isFalse();
        assertThat(matches("{'settings':{'index.codec':'best_compression'}}",
                "{'settings':{'index':{'codec':'best_compression','number_of_shards':'3'}}}")).as("an extra setting").isFalse();
    }

    @Test
    void mappingsMustMatchExactly() throws Exception {
        String desired = "{'mappings':{'properties':{'a':{'type':'keyword'}}}}";
        assertThat(matches(desired, "{'mappings':{'properties':{'a':{'type':'keyword'}}}}")).isTrue();
        assertThat(matches(desired, "{'mappings':{'properties':{'a':{'type':'keyword'},'b':{'type':'long'}}}}"))
                .as("a field left over from an older version").isFalse();
        assertThat(matches(desired, "{'mappings':{'properties':{'a':{'type':'keyword','ignore_above':10}}}}")).isFalse();
    }
}
