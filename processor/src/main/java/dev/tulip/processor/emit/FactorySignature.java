package dev.tulip.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.tulip.processor.model.AsyncMethod;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * The types of one method's factory and state machine as generated code can write them: decided from
 * the method's declaration alone, so that a factory exists even for a method whose body could not be
 * compiled (callers elsewhere then still resolve, and only the real error is reported).
 */
public final class FactorySignature {
    static final ClassName COROUTINE = ClassName.get("dev.tulip", "Coroutine");
    static final ClassName GENERATOR = ClassName.get("dev.tulip", "Generator");
    static final ClassName ASYNC_GENERATOR = ClassName.get("dev.tulip", "AsyncGenerator");

    private final AsyncMethod method;
    private final TypeNames typeNames;
    private final List<TypeVariableName> typeVariables = new ArrayList<>();

    public FactorySignature(AsyncMethod method, TypeNames typeNames) {
        this.method = method;
        this.typeNames = typeNames;
        if (!method.isStatic()) {
            typeVariables.addAll(TypeNames.instanceTypeVariables(method.owner));
        }
        for (TypeParameterElement p : method.element.getTypeParameters()) {
            typeVariables.add(TypeVariableName.get(p));
        }
    }

    public AsyncMethod method() {
        return method;
    }

    /** The enclosing class's type variables (instance methods), then the method's own. */
    public List<TypeVariableName> typeVariables() {
        return typeVariables;
    }

    /** The runtime base class: Coroutine, Generator or AsyncGenerator. */
    public ClassName baseClass() {
        switch (method.kind) {
            case GENERATOR:
                return GENERATOR;
            case ASYNC_GENERATOR:
                return ASYNC_GENERATOR;
            default:
                return COROUTINE;
        }
    }

    /** The {@code T} of {@code Coroutine<T>}, boxed. */
    public TypeName resultType() {
        TypeName r = typeNames.of(method.resultType);
        return r.isPrimitive() ? r.box() : r;
    }

    /** {@code Coroutine<T>} (or the generator types). */
    public TypeName returnType() {
        return ParameterizedTypeName.get(baseClass(), resultType());
    }

    /** True if the result type mentions a private class of the user's, which the factory cannot name. */
    public boolean resultMentionsPrivateClass() {
        return typeNames.mentionsInaccessible(method.resultType);
    }

    /** True if generated code cannot name {@code type} (it mentions a private nested class). */
    public boolean isPrivateType(TypeMirror type) {
        return typeNames.mentionsInaccessible(type);
    }

    /** The type of a parameter as the state machine holds it. */
    public TypeName parameterType(VariableElement p) {
        return typeNames.denotable(p.asType());
    }

    /** The type of a parameter as the factory accepts it from the user's code (see {@link TypeNames#supertypeFor}). */
    public TypeName factoryParameterType(VariableElement p) {
        return typeNames.supertypeFor(p.asType());
    }

    /**
     * The type of a parameter as the machine's constructor takes it: as the machine holds it, but as the
     * factory accepts it when it mentions a stand-in, which the factory cannot name (the constructor
     * casts).
     */
    public TypeName constructorParameterType(VariableElement p) {
        return typeNames.mentionsStandIn(p.asType()) ? factoryParameterType(p) : parameterType(p);
    }

    /** The receiver's type (the enclosing class with its type variables), for instance methods. */
    public TypeName selfType() {
        return typeNames.of(method.owner.asType());
    }
}
