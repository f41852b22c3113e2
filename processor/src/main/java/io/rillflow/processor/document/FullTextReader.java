package io.rillflow.processor.document;

import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.ValidationReport;
import io.rillflow.sql.NameSuggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/** Reads {@code @FullText} on a document's properties: a String field and a built-in text search configuration. */
final class FullTextReader {
    /** PostgreSQL's built-in text search configurations ({@code \dF} on a fresh server). */
    static final List<String> LANGUAGES = List.of(
            "simple",
            "arabic",
            "armenian",
            "basque",
            "catalan",
            "danish",
            "dutch",
            "english",
            "finnish",
            "french",
            "german",
            "greek",
            "hindi",
            "hungarian",
            "indonesian",
            "irish",
            "italian",
            "lithuanian",
            "nepali",
            "norwegian",
            "portuguese",
            "romanian",
            "russian",
            "serbian",
            "spanish",
            "swedish",
            "tamil",
            "turkish",
            "yiddish");

    private final PathTypes pathTypes;

    FullTextReader(PathTypes pathTypes) {
        this.pathTypes = pathTypes;
    }

    /** The text search configuration of each valid {@code @FullText} property, by implicit name. */
    Map<String, String> read(
            String owner, String packageName, List<Property> properties, ValidationReport.Builder report) {
        Map<String, String> languages = new LinkedHashMap<>();
        for (Property property : properties) {
            for (Element source : property.sources()) {
                Optional<AnnotationMirror> found = AnnotationMirrors.find(source, AnnotationNames.FULL_TEXT);
                if (found.isEmpty()) {
                    continue;
                }
                AnnotationMirror mirror = found.get();
                String member = owner + "." + property.implicitName();
                if (PathTypes.unresolved(property.type())) {
                    continue; // the document waits for a later round
                }
                if (pathTypes.classify(property.type(), packageName).kind() != PathKind.STRING) {
                    report.add(Message.FULL_TEXT_NOT_STRING, source, mirror, null, member, property.type());
                    continue;
                }
                String language = AnnotationMirrors.string(mirror, "language", "english");
                if (!LANGUAGES.contains(language)) {
                    AnnotationValue value =
                            AnnotationMirrors.explicitValue(mirror, "language").orElse(null);
                    String hint = NameSuggestions.closest(language, LANGUAGES)
                            .map(Message::didYouMean)
                            .orElse(Message.knownNames("Use one of", LANGUAGES));
                    report.add(Message.FULL_TEXT_UNKNOWN_LANGUAGE, source, mirror, value, member, language, hint);
                    continue;
                }
                languages.put(property.implicitName(), language);
            }
        }
        return languages;
    }
}
