package dev.numguard.analyzer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.numguard.analyzer.report.SarifReport;
import java.util.Set;

/**
 * The official SARIF 2.1.0 schema (OASIS, errata 01; a copy is in the test resources, so no
 * network is needed), with format assertions on.
 */
public final class SarifSchema {
    private static final String SCHEMA_FOLDER = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/";

    private SarifSchema() {
    }

    /** What is wrong with {@code sarif}; empty when it is a valid SARIF 2.1.0 log. */
    public static Set<ValidationMessage> errors(JsonNode sarif) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_FOLDER, "classpath:")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = factory.getSchema(SchemaLocation.of(SarifReport.SCHEMA_URI), config);
        return schema.validate(sarif);
    }
}
