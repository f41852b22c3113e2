package io.rillflow;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The runtime's shape: what a user sees names no internal type, and the feature packages do not depend on each other
 * in a cycle. Runs over the runtime's compiled main classes.
 */
class ArchitectureTest {
    private static final JavaClasses RUNTIME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rillflow");

    @Test
    void userFacingSignaturesNameNoInternalType() {
        ArchRule rule = ArchRuleDefinition.classes().that(userFacing()).should(exposeNoInternalType());
        rule.check(RUNTIME);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.rillflow.(*)..").should().beFreeOfCycles().check(RUNTIME);
    }

    private static boolean internal(JavaClass type) {
        return type.getPackageName().contains(".internal");
    }

    /** Public classes outside the internal packages, nested ones included when every enclosing class is public. */
    private static DescribedPredicate<JavaClass> userFacing() {
        return DescribedPredicate.describe("are user-facing", type -> {
            if (internal(type)) {
                return false;
            }
            for (Optional<JavaClass> c = Optional.of(type);
                    c.isPresent();
                    c = c.get().getEnclosingClass()) {
                if (!c.get().getModifiers().contains(JavaModifier.PUBLIC)) {
                    return false;
                }
            }
            return true;
        });
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no internal type in a public or protected signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Set<String> leaks = new LinkedHashSet<>();
                type.getRawSuperclass().filter(ArchitectureTest::internal).ifPresent(s -> leaks.add("extends " + s));
                type.getRawInterfaces().stream()
                        .filter(ArchitectureTest::internal)
                        .forEach(i -> leaks.add("implements " + i.getName()));
                for (JavaMember member : type.getMembers()) {
                    if (!visible(member)) {
                        continue;
                    }
                    for (JavaClass used : signatureTypes(member)) {
                        if (internal(used)) {
                            leaks.add(member.getFullName() + " uses " + used.getName());
                        }
                    }
                }
                for (String leak : leaks) {
                    events.add(SimpleConditionEvent.violated(type, leak));
                }
            }
        };
    }

    private static boolean visible(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static Set<JavaClass> signatureTypes(JavaMember member) {
        Set<JavaClass> types = new LinkedHashSet<>();
        if (member instanceof JavaField field) {
            types.addAll(field.getType().getAllInvolvedRawTypes());
        } else if (member instanceof JavaCodeUnit code) {
            types.addAll(code.getReturnType().getAllInvolvedRawTypes());
            for (JavaType parameter : code.getParameterTypes()) {
                types.addAll(parameter.getAllInvolvedRawTypes());
            }
            code.getThrowsClause().getTypes().forEach(types::add);
        }
        return types;
    }
}
