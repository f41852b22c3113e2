package io.rillflow.cli;

import io.rillflow.annotations.ProjectionMode;
import io.rillflow.projections.ProjectionDefinition;
import io.rillflow.projections.Projections;
import java.util.List;

/** The {@code @Projection} classes the application's registries declare, registered as its store registers them. */
final class DeclaredProjections {
    private DeclaredProjections() {}

    /**
     * Registers the declared projection {@code name}, or every one when it is null, each with a new instance made by
     * its no-argument constructor; returns their names, sorted.
     *
     * @param daemonOnly leave out {@code INLINE} projections, which appends apply, not the daemon
     * @throws NotFoundException if nothing declared matches
     * @throws IllegalArgumentException if a matching projection has no no-argument constructor
     */
    static List<String> register(Projections projections, String name, boolean daemonOnly) {
        List<ProjectionDefinition> declared = projections.declared().stream()
                .filter(d -> !daemonOnly || d.mode() != ProjectionMode.INLINE)
                .toList();
        List<ProjectionDefinition> selected = declared.stream()
                .filter(d -> name == null || d.name().equals(name))
                .toList();
        if (selected.isEmpty()) {
            throw new NotFoundException(
                    name == null
                            ? "The --classpath declares no projection the daemon runs (INLINE ones run with each append)"
                            : "The --classpath declares no projection " + name + "; it declares "
                                    + declared.stream()
                                            .map(ProjectionDefinition::name)
                                            .sorted()
                                            .toList());
        }
        for (ProjectionDefinition definition : selected) {
            if (definition.factory() == null) {
                throw new IllegalArgumentException("Projection " + definition.name() + " ("
                        + definition.type().getName() + ") has no no-argument constructor, so the command cannot make"
                        + " one: run it in the application"
                        + (name == null ? ", and name the others with --name" : ""));
            }
            projections.register(definition.factory().get());
        }
        return selected.stream().map(ProjectionDefinition::name).sorted().toList();
    }
}
