package io.leadscore.odata;

import io.leadscore.common.FieldDef;
import io.leadscore.common.FieldType;
import io.leadscore.common.RecordSchema;
import io.leadscore.customer.CustomerSchemas;
import io.leadscore.lead.LeadSchema;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.edm.provider.CsdlAbstractEdmProvider;
import org.apache.olingo.commons.api.edm.provider.CsdlAction;
import org.apache.olingo.commons.api.edm.provider.CsdlComplexType;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainer;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainerInfo;
import org.apache.olingo.commons.api.edm.provider.CsdlEntitySet;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityType;
import org.apache.olingo.commons.api.edm.provider.CsdlNavigationProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlNavigationPropertyBinding;
import org.apache.olingo.commons.api.edm.provider.CsdlParameter;
import org.apache.olingo.commons.api.edm.provider.CsdlProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlPropertyRef;
import org.apache.olingo.commons.api.edm.provider.CsdlReturnType;
import org.apache.olingo.commons.api.edm.provider.CsdlSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service's entity data model ({@code $metadata}): Leads, Accounts and Contacts with the fields of their
 * RecordSchema (one source for REST, filters and OData), their custom attributes as the properties of an
 * {@code attributes} complex value (declared from what the records carry, so that Excel and Power BI see them as
 * columns; open, so a new one may be written), and a lead's score, its reasons and its history contained in the lead.
 */
final class ServiceModel extends CsdlAbstractEdmProvider {

    static final String NAMESPACE = "leadscore";
    static final String CONTAINER_NAME = "Container";
    static final FullQualifiedName CONTAINER = new FullQualifiedName(NAMESPACE, CONTAINER_NAME);

    static final String LEADS = "Leads";
    static final String ACCOUNTS = "Accounts";
    static final String CONTACTS = "Contacts";
    static final FullQualifiedName LEAD = name("Lead");
    static final FullQualifiedName ACCOUNT = name("Account");
    static final FullQualifiedName CONTACT = name("Contact");
    static final FullQualifiedName LEAD_SCORE = name("LeadScore");
    static final FullQualifiedName SCORE_REASON = name("ScoreReason");
    static final FullQualifiedName SCORE_HISTORY = name("ScoreHistory");
    static final FullQualifiedName QUALIFY = name("Qualify");
    static final FullQualifiedName DISQUALIFY = name("Disqualify");

    static final String ATTRIBUTES = "attributes";
    static final String SCORE = "score";
    static final String HISTORY = "history";
    static final String REASONS = "reasons";

    /** One entity set: its records' schema and custom attributes. */
    record Kind(String set, FullQualifiedName type, RecordSchema schema, AttributeNames attributes) {
        FullQualifiedName attributesType() {
            return name(type.getName() + "Attributes");
        }
    }

    private final List<Kind> kinds;

    ServiceModel(Map<String, FieldType> leadAttributes, Map<String, FieldType> accountAttributes,
                 Map<String, FieldType> contactAttributes) {
        kinds = List.of(new Kind(LEADS, LEAD, LeadSchema.LEAD, new AttributeNames(leadAttributes)),
                new Kind(ACCOUNTS, ACCOUNT, CustomerSchemas.ACCOUNT, new AttributeNames(accountAttributes)),
                new Kind(CONTACTS, CONTACT, CustomerSchemas.CONTACT, new AttributeNames(contactAttributes)));
    }

    private static FullQualifiedName name(String simple) {
        return new FullQualifiedName(NAMESPACE, simple);
    }

    Kind kind(String entitySet) {
        return kinds.stream().filter(k -> k.set().equals(entitySet)).findFirst().orElse(null);
    }

    Kind kindOfType(FullQualifiedName type) {
        return kinds.stream().filter(k -> k.type().equals(type)).findFirst().orElse(null);
    }

    Kind kindOfSchema(RecordSchema schema) {
        return kinds.stream().filter(k -> k.schema() == schema).findFirst().orElseThrow();
    }

    static FullQualifiedName primitive(FieldType type) {
        return switch (type) {
            case INTEGER -> EdmPrimitiveTypeKind.Int64.getFullQualifiedName();
            case DECIMAL -> EdmPrimitiveTypeKind.Double.getFullQualifiedName();
            case BOOLEAN -> EdmPrimitiveTypeKind.Boolean.getFullQualifiedName();
            case INSTANT -> EdmPrimitiveTypeKind.DateTimeOffset.getFullQualifiedName();
            default -> EdmPrimitiveTypeKind.String.getFullQualifiedName();
        };
    }

    private static CsdlProperty property(String name, EdmPrimitiveTypeKind type, boolean nullable) {
        return new CsdlProperty().setName(name).setType(type.getFullQualifiedName()).setNullable(nullable);
    }

    @Override
    public CsdlEntityType getEntityType(FullQualifiedName type) {
        Kind kind = kindOfType(type);
        if (kind != null) {
            List<CsdlProperty> properties = new ArrayList<>();
            for (FieldDef f : kind.schema().fields()) {
                CsdlProperty p = new CsdlProperty().setName(f.name()).setType(primitive(f.type()))
                        .setNullable(!f.name().equals("id") && !f.name().equals("version"));
                if (f.type().isText() && f.maxLength() > 0) {
                    p.setMaxLength(f.maxLength());
                }
                properties.add(p);
            }
            properties.add(new CsdlProperty().setName(ATTRIBUTES).setType(kind.attributesType()).setNullable(false));
            List<CsdlNavigationProperty> navigation = new ArrayList<>();
            for (RecordSchema.Relation r : kind.schema().relations()) {
                Kind target = kindOfSchema(r.target());
                navigation.add(new CsdlNavigationProperty().setName(r.name()).setType(target.type()).setNullable(true));
            }
            if (kind.type().equals(LEAD)) {
                navigation.add(new CsdlNavigationProperty().setName(SCORE).setType(LEAD_SCORE).setNullable(true)
                        .setContainsTarget(true));
                navigation.add(new CsdlNavigationProperty().setName(HISTORY).setType(SCORE_HISTORY).setCollection(true)
                        .setContainsTarget(true));
            }
            return new CsdlEntityType().setName(type.getName()).setProperties(properties)
                    .setNavigationProperties(navigation).setKey(List.of(new CsdlPropertyRef().setName("id")));
        }
        if (type.equals(LEAD_SCORE)) {
            return new CsdlEntityType().setName(type.getName()).setKey(List.of(new CsdlPropertyRef().setName("leadId")))
                    .setProperties(List.of(property("leadId", EdmPrimitiveTypeKind.String, false),
                            property("value", EdmPrimitiveTypeKind.Int32, false),
                            property("grade", EdmPrimitiveTypeKind.String, false),
                            property("trend", EdmPrimitiveTypeKind.String, false),
                            property("modelId", EdmPrimitiveTypeKind.String, false),
                            property("modelName", EdmPrimitiveTypeKind.String, true),
                            property("modelVersion", EdmPrimitiveTypeKind.Int32, false),
                            property("scoredOn", EdmPrimitiveTypeKind.DateTimeOffset, false)))
                    .setNavigationProperties(List.of(new CsdlNavigationProperty().setName(REASONS)
                            .setType(SCORE_REASON).setCollection(true).setContainsTarget(true)));
        }
        if (type.equals(SCORE_REASON)) {
            return new CsdlEntityType().setName(type.getName()).setKey(List.of(new CsdlPropertyRef().setName("attribute")))
                    .setProperties(List.of(property("attribute", EdmPrimitiveTypeKind.String, false),
                            property("label", EdmPrimitiveTypeKind.String, false),
                            property("value", EdmPrimitiveTypeKind.String, true),
                            property("impact", EdmPrimitiveTypeKind.Double, false),
                            property("direction", EdmPrimitiveTypeKind.String, false),
                            property("text", EdmPrimitiveTypeKind.String, false),
                            property("insight", EdmPrimitiveTypeKind.String, true)));
        }
        if (type.equals(SCORE_HISTORY)) {
            return new CsdlEntityType().setName(type.getName()).setKey(List.of(new CsdlPropertyRef().setName("seq")))
                    .setProperties(List.of(property("seq", EdmPrimitiveTypeKind.Int32, false),
                            property("scoredOn", EdmPrimitiveTypeKind.DateTimeOffset, false),
                            property("value", EdmPrimitiveTypeKind.Int32, false),
                            property("grade", EdmPrimitiveTypeKind.String, false),
                            property("modelId", EdmPrimitiveTypeKind.String, false),
                            property("modelVersion", EdmPrimitiveTypeKind.Int32, false)));
        }
        return null;
    }

    @Override
    public CsdlComplexType getComplexType(FullQualifiedName type) {
        for (Kind kind : kinds) {
            if (kind.attributesType().equals(type)) {
                List<CsdlProperty> properties = new ArrayList<>();
                kind.attributes().properties().forEach((name, t) -> properties.add(
                        new CsdlProperty().setName(name).setType(primitive(t)).setNullable(true)));
                return new CsdlComplexType().setName(type.getName()).setOpenType(true).setProperties(properties);
            }
        }
        return null;
    }

    @Override
    public CsdlEntitySet getEntitySet(FullQualifiedName container, String name) {
        if (!CONTAINER.equals(container)) {
            return null;
        }
        Kind kind = kind(name);
        if (kind == null) {
            return null;
        }
        List<CsdlNavigationPropertyBinding> bindings = new ArrayList<>();
        for (RecordSchema.Relation r : kind.schema().relations()) {
            Kind target = kindOfSchema(r.target());
            bindings.add(new CsdlNavigationPropertyBinding().setPath(r.name()).setTarget(target.set()));
        }
        return new CsdlEntitySet().setName(name).setType(kind.type()).setNavigationPropertyBindings(bindings);
    }

    @Override
    public List<CsdlAction> getActions(FullQualifiedName action) {
        if (action.equals(QUALIFY) || action.equals(DISQUALIFY)) {
            return List.of(new CsdlAction().setName(action.getName()).setBound(true).setEntitySetPath("lead")
                    .setParameters(List.of(new CsdlParameter().setName("lead").setType(LEAD).setNullable(false)))
                    .setReturnType(new CsdlReturnType().setType(LEAD).setNullable(false)));
        }
        return null;
    }

    @Override
    public CsdlEntityContainer getEntityContainer() {
        List<CsdlEntitySet> sets = new ArrayList<>();
        for (Kind k : kinds) {
            sets.add(getEntitySet(CONTAINER, k.set()));
        }
        return new CsdlEntityContainer().setName(CONTAINER_NAME).setEntitySets(sets);
    }

    @Override
    public CsdlEntityContainerInfo getEntityContainerInfo(FullQualifiedName name) {
        return name == null || name.equals(CONTAINER) ? new CsdlEntityContainerInfo().setContainerName(CONTAINER) : null;
    }

    @Override
    public List<CsdlSchema> getSchemas() {
        List<CsdlEntityType> types = new ArrayList<>();
        List<CsdlComplexType> complex = new ArrayList<>();
        for (Kind k : kinds) {
            types.add(getEntityType(k.type()));
            complex.add(getComplexType(k.attributesType()));
        }
        types.add(getEntityType(LEAD_SCORE));
        types.add(getEntityType(SCORE_REASON));
        types.add(getEntityType(SCORE_HISTORY));
        List<CsdlAction> actions = new ArrayList<>(getActions(QUALIFY));
        actions.addAll(getActions(DISQUALIFY));
        return List.of(new CsdlSchema().setNamespace(NAMESPACE).setEntityTypes(types).setComplexTypes(complex)
                .setActions(actions).setEntityContainer(getEntityContainer()));
    }
}
