package dev.bursar.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;

/**
 * "Money never uses floating point", written so it can fail. ArchUnit's {@code dependOnClassesThat} does not see
 * primitive types, so a {@code double} field passed the old rule; this condition looks at every field type
 * (generic arguments included), every method's and constructor's parameters and return type, and every call or
 * field access whose target takes or gives a {@code double}/{@code float} (which catches
 * {@code BigDecimal.valueOf(double)}, {@code new BigDecimal(double)}, {@code doubleValue()}, {@code Math.pow}).
 * Arithmetic on local variables with no such call is invisible in the class file's API; the source scan in
 * {@code NoFloatingPointTest} covers it for {@code pricing}.
 */
final class MoneyRule {

    private static final Set<String> FLOATING = Set.of("double", "float", "java.lang.Double", "java.lang.Float");

    private MoneyRule() {
    }

    static ArchRule noFloatingPointIn(String... packages) {
        return classes().that().resideInAnyPackage(packages)
                .should(new NoFloatingPoint())
                .because("costs are exact decimals");
    }

    private static final class NoFloatingPoint extends ArchCondition<JavaClass> {

        NoFloatingPoint() {
            super("use no double, float, Double or Float");
        }

        @Override
        public void check(JavaClass c, ConditionEvents events) {
            for (JavaField f : c.getFields()) {
                if (involvesFloating(f.getAllInvolvedRawTypes())) {
                    events.add(SimpleConditionEvent.violated(f, f.getFullName() + " has a floating-point type"));
                }
            }
            for (JavaCodeUnit u : c.getCodeUnits()) {
                checkSignature(u, events);
                for (JavaAccess<?> access : u.getAccessesFromSelf()) {
                    if (access.getTarget() instanceof com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget t
                            && (floating(t.getRawReturnType()) || t.getRawParameterTypes().stream().anyMatch(MoneyRule::floating))) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription() + " takes or gives floating point"));
                    } else if (access.getTarget() instanceof com.tngtech.archunit.core.domain.AccessTarget.FieldAccessTarget t
                            && floating(t.getRawType())) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription() + " is floating point"));
                    }
                }
            }
        }

        private static void checkSignature(JavaCodeUnit u, ConditionEvents events) {
            if (floating(u.getRawReturnType()) || involvesFloating(u.getReturnType().getAllInvolvedRawTypes())) {
                events.add(SimpleConditionEvent.violated(u, u.getFullName() + " returns floating point"));
            }
            for (JavaParameter p : u.getParameters()) {
                if (involvesFloating(p.getType().getAllInvolvedRawTypes())) {
                    events.add(SimpleConditionEvent.violated(u, u.getFullName() + " takes floating point"));
                }
            }
        }
    }

    private static boolean involvesFloating(Set<JavaClass> types) {
        return types.stream().anyMatch(MoneyRule::floating);
    }

    private static boolean floating(JavaClass type) {
        JavaClass t = type;
        while (t.isArray()) {
            t = t.getComponentType();
        }
        return FLOATING.contains(t.getName());
    }
}
