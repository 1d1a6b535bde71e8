package dev.panicattack.chaosmesh;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.panicattack.chaosmesh.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** Manifests to YAML text and YAML text to trees, in the one Jackson configuration this module uses. */
final class ManifestYaml {

    private final YAMLMapper mapper = YAMLMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .changeDefaultPropertyInclusion(include -> include.withValueInclusion(JsonInclude.Include.NON_NULL))
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .build();

    JsonNode tree(Manifest manifest) {
        return mapper.valueToTree(manifest);
    }

    String text(Manifest manifest) {
        return mapper.writeValueAsString(manifest);
    }

    <T> T convert(JsonNode node, Class<T> type) {
        return mapper.treeToValue(node, type);
    }

    /**
     * The documents of {@code yaml}, each as a tree.
     *
     * @throws ChaosMeshException naming the document when the text is not YAML
     */
    List<JsonNode> documents(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = mapper.readerFor(JsonNode.class).readValues(yaml)) {
            while (iterator.hasNextValue()) {
                JsonNode document = iterator.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (JacksonException e) {
            throw new ChaosMeshException("document " + (documents.size() + 1), "is not valid YAML: "
                    + e.getOriginalMessage());
        }
        return documents;
    }
}
