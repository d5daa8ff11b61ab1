package io.leadscore.odata;

import org.apache.olingo.commons.api.edm.EdmEnumType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.EdmType;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceComplexProperty;
import org.apache.olingo.server.api.uri.UriResourceNavigation;
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
import org.apache.olingo.server.api.uri.queryoption.OrderByItem;
import org.apache.olingo.server.api.uri.queryoption.OrderByOption;
import org.apache.olingo.server.api.uri.queryoption.expression.BinaryOperatorKind;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitException;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitor;
import org.apache.olingo.server.api.uri.queryoption.expression.Literal;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.apache.olingo.server.api.uri.queryoption.expression.MethodKind;
import org.apache.olingo.server.api.uri.queryoption.expression.UnaryOperatorKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns the {@code $filter} and {@code $orderby} that Olingo parsed and checked against the model into the product's
 * own filter language (API.md), so that OData queries run through the same parser, binder and JPA criteria as
 * {@code /api/v1}: one implementation of filtering, not two. A custom attribute's OData property becomes
 * {@code attributes/'<its name>'}; a lead's {@code score/value} is the filter language's own path. What the filter
 * language cannot say (arithmetic, lambda operators, most functions) is a 501, named.
 */
final class QueryText {

    private QueryText() {
    }

    /** A translated expression; a literal knows it is one, so that {@code 5 lt x} can be turned round. */
    private record Term(String text, boolean literal) {
    }

    static String filter(Expression expression, ServiceModel.Kind kind, ServiceModel model) throws ODataApplicationException {
        try {
            return expression.accept(new Visitor(kind, model)).text();
        } catch (ExpressionVisitException e) {
            throw new ODataApplicationException(e.getMessage(), HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
        }
    }

    static String orderBy(OrderByOption option, ServiceModel.Kind kind, ServiceModel model) throws ODataApplicationException {
        if (option == null) {
            return null;
        }
        StringJoiner out = new StringJoiner(", ");
        Visitor v = new Visitor(kind, model);
        for (OrderByItem item : option.getOrders()) {
            if (!(item.getExpression() instanceof Member m)) {
                throw unsupported("$orderby by anything but a property");
            }
            out.add(v.visitMember(m).text() + (item.isDescending() ? " desc" : ""));
        }
        return out.toString();
    }

    private static ODataApplicationException unsupported(String what) {
        return new ODataApplicationException(what + " is not supported: $filter takes eq, ne, gt, ge, lt, le, in, and, "
                + "or, not, contains, startswith and endswith on properties",
                HttpStatusCode.NOT_IMPLEMENTED.getStatusCode(), Locale.ROOT);
    }

    private static final Map<BinaryOperatorKind, String> COMPARISONS = Map.of(BinaryOperatorKind.EQ, "eq",
            BinaryOperatorKind.NE, "ne", BinaryOperatorKind.GT, "gt", BinaryOperatorKind.GE, "ge",
            BinaryOperatorKind.LT, "lt", BinaryOperatorKind.LE, "le");
    /** The comparison that says the same with its sides swapped. */
    private static final Map<String, String> SWAPPED = Map.of("eq", "eq", "ne", "ne", "gt", "lt", "ge", "le",
            "lt", "gt", "le", "ge");

    private static final class Visitor implements ExpressionVisitor<Term> {
        private final ServiceModel.Kind kind;
        private final ServiceModel model;

        Visitor(ServiceModel.Kind kind, ServiceModel model) {
            this.kind = kind;
            this.model = model;
        }

        @Override
        public Term visitBinaryOperator(BinaryOperatorKind op, Term left, Term right) throws ODataApplicationException {
            if (op == BinaryOperatorKind.AND || op == BinaryOperatorKind.OR) {
                return new Term("(" + left.text() + ") " + op.name().toLowerCase(Locale.ROOT) + " (" + right.text() + ")",
                        false);
            }
            String cmp = COMPARISONS.get(op);
            if (cmp == null) {
                throw unsupported("The operator " + op.name().toLowerCase(Locale.ROOT));
            }
            if (left.literal() && !right.literal()) {
                return new Term(right.text() + " " + SWAPPED.get(cmp) + " " + left.text(), false);
            }
            return new Term(left.text() + " " + cmp + " " + right.text(), false);
        }

        @Override
        public Term visitBinaryOperator(BinaryOperatorKind op, Term left, List<Term> right) throws ODataApplicationException {
            if (op != BinaryOperatorKind.IN) {
                throw unsupported("The operator " + op.name().toLowerCase(Locale.ROOT));
            }
            StringJoiner values = new StringJoiner(", ", "(", ")");
            right.forEach(t -> values.add(t.text()));
            return new Term(left.text() + " in " + values, false);
        }

        @Override
        public Term visitUnaryOperator(UnaryOperatorKind op, Term operand) throws ODataApplicationException {
            if (op == UnaryOperatorKind.NOT) {
                return new Term("not (" + operand.text() + ")", false);
            }
            if (op == UnaryOperatorKind.MINUS && operand.literal()) {
                return new Term(operand.text().startsWith("-") ? operand.text().substring(1) : "-" + operand.text(), true);
            }
            throw unsupported("The operator " + op.name().toLowerCase(Locale.ROOT));
        }

        @Override
        public Term visitMethodCall(MethodKind method, List<Term> parameters) throws ODataApplicationException {
            String name = switch (method) {
                case CONTAINS -> "contains";
                case STARTSWITH -> "startswith";
                case ENDSWITH -> "endswith";
                default -> throw unsupported("The function " + method.toString().toLowerCase(Locale.ROOT));
            };
            return new Term(name + "(" + parameters.get(0).text() + ", " + parameters.get(1).text() + ")", false);
        }

        @Override
        public Term visitLambdaExpression(String function, String variable, Expression expression)
                throws ODataApplicationException {
            throw unsupported("The lambda operator " + function);
        }

        @Override
        public Term visitLiteral(Literal literal) throws ODataApplicationException {
            String text = literal.getText();
            EdmType type = literal.getType();
            if (type == null || "null".equals(text)) {
                return new Term("null", true);
            }
            String t = type.getFullQualifiedName().getFullQualifiedNameAsString();
            if (t.equals(EdmPrimitiveTypeKind.String.getFullQualifiedName().getFullQualifiedNameAsString())
                    || t.equals(EdmPrimitiveTypeKind.Boolean.getFullQualifiedName().getFullQualifiedNameAsString())
                    || t.equals(EdmPrimitiveTypeKind.DateTimeOffset.getFullQualifiedName().getFullQualifiedNameAsString())
                    || isNumber(t)) {
                return new Term(text, true); // the filter language writes these as OData does
            }
            if (t.equals(EdmPrimitiveTypeKind.Date.getFullQualifiedName().getFullQualifiedNameAsString())) {
                return new Term(text + "T00:00:00Z", true);
            }
            if (t.equals(EdmPrimitiveTypeKind.Guid.getFullQualifiedName().getFullQualifiedNameAsString())) {
                return new Term("'" + text + "'", true);
            }
            throw unsupported("A literal of type " + t);
        }

        private static boolean isNumber(String type) {
            for (EdmPrimitiveTypeKind k : List.of(EdmPrimitiveTypeKind.Byte, EdmPrimitiveTypeKind.SByte,
                    EdmPrimitiveTypeKind.Int16, EdmPrimitiveTypeKind.Int32, EdmPrimitiveTypeKind.Int64,
                    EdmPrimitiveTypeKind.Decimal, EdmPrimitiveTypeKind.Double, EdmPrimitiveTypeKind.Single)) {
                if (type.equals(k.getFullQualifiedName().getFullQualifiedNameAsString())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Term visitMember(Member member) throws ODataApplicationException {
            List<String> path = new ArrayList<>();
            ServiceModel.Kind at = kind;
            boolean inAttributes = false;
            for (UriResource part : member.getResourcePath().getUriResourceParts()) {
                if (part instanceof UriResourceNavigation nav) {
                    if (nav.getProperty().isCollection()) {
                        throw unsupported("A path through the collection '" + nav.getProperty().getName() + "'");
                    }
                    path.add(nav.getProperty().getName());
                    ServiceModel.Kind target = model.kindOfType(nav.getProperty().getType().getFullQualifiedName());
                    at = target;
                } else if (part instanceof UriResourceComplexProperty complex) {
                    path.add(complex.getProperty().getName());
                    inAttributes = ServiceModel.ATTRIBUTES.equals(complex.getProperty().getName());
                } else if (part instanceof UriResourcePrimitiveProperty p) {
                    String name = p.getProperty().getName();
                    if (inAttributes && at != null) {
                        String attribute = at.attributes().attribute(name);
                        name = attribute != null ? attribute : name;
                        path.add("'" + name.replace("'", "''") + "'");
                    } else {
                        path.add(name);
                    }
                } else {
                    throw unsupported("The path segment '" + part.getSegmentValue() + "'");
                }
            }
            return new Term(String.join("/", path), false);
        }

        @Override
        public Term visitAlias(String alias) throws ODataApplicationException {
            throw unsupported("A parameter alias");
        }

        @Override
        public Term visitTypeLiteral(EdmType type) throws ODataApplicationException {
            throw unsupported("A type literal");
        }

        @Override
        public Term visitLambdaReference(String variable) throws ODataApplicationException {
            throw unsupported("A lambda variable");
        }

        @Override
        public Term visitEnum(EdmEnumType type, List<String> values) throws ODataApplicationException {
            throw unsupported("An enumeration literal");
        }
    }
}
