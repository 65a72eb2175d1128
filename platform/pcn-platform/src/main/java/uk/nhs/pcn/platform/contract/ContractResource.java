package uk.nhs.pcn.platform.contract;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import uk.nhs.pcn.events.ContractDocuments;
import uk.nhs.pcn.events.EventSchemas;
import uk.nhs.pcn.events.EventTypes;
import uk.nhs.pcn.platform.problem.Problem;
import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * The public Kafka contract, served by every service without a token: each event type's JSON Schema at the path of
 * its {@code $id} ({@code https://pcn.nhs.uk/schemas/<type>.json} is {@code GET /schemas/<type>.json} here), and
 * the AsyncAPI document beside them. The bytes are those the service was built with.
 */
@Path("/schemas")
@PermitAll
@Tag(name = "Event contract", description = "JSON Schemas of the Kafka events and the AsyncAPI document; no token needed")
public class ContractResource {

    public static final String YAML = "application/yaml";

    /** What {@code GET /schemas} lists. */
    public record Index(URI asyncApi, List<SchemaLink> schemas) {
    }

    /** One event type's schema: its {@code $id} (the {@code ce_dataschema} value) and where to fetch it here. */
    public record SchemaLink(String type, URI id, URI href) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listEventContract", summary = "The AsyncAPI document and every event schema, with "
            + "the $id each event's ce_dataschema carries")
    @APIResponse(responseCode = "406", description = "The Accept header names no type this is served as")
    public Index index(@Context UriInfo uri) {
        List<SchemaLink> schemas = EventTypes.ALL.stream().map(EventTypes::typeOf)
                .map(type -> new SchemaLink(type, EventSchemas.id(type),
                        uri.getBaseUriBuilder().path("schemas").path(ContractDocuments.schemaName(type)).build()))
                .toList();
        return new Index(uri.getBaseUriBuilder().path("schemas").path(ContractDocuments.ASYNCAPI_NAME).build(),
                schemas);
    }

    @GET
    @Path(ContractDocuments.ASYNCAPI_NAME)
    @Produces({ YAML, "text/yaml", MediaType.TEXT_PLAIN })
    @Operation(operationId = "getAsyncApiDocument", summary = "The AsyncAPI 3.0 document of every topic")
    @APIResponse(responseCode = "200", description = "The AsyncAPI document (YAML)")
    @APIResponse(responseCode = "406", description = "The Accept header names no type this is served as")
    public String asyncApi() {
        // In the source tree the document sits above schemas/; served, it sits beside them, so its payload
        // references are rewritten to resolve against this URL.
        return new String(ContractDocuments.asyncApi(), StandardCharsets.UTF_8).replace("'./schemas/", "'./");
    }

    @GET
    @Path("{name}")
    @Produces({ ContractDocuments.SCHEMA_MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(operationId = "getEventSchema", summary = "The JSON Schema (draft 2020-12) of one event type",
            description = "name is the last segment of the schema's $id, e.g. "
                    + "uk.nhs.pcn.registry.PracticeJoinedNetwork.v1.json")
    @APIResponse(responseCode = "200", description = "The schema",
            content = @Content(mediaType = ContractDocuments.SCHEMA_MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No event type has a schema of that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public byte[] schema(@RestPath String name) {
        return ContractDocuments.schema(name).orElseThrow(() -> new ProblemException(404, "not-found",
                "Schema not found", "No event schema is named '" + name + "'; GET /schemas lists them",
                List.of()));
    }
}
