package io.leadscore.odata;

import io.leadscore.api.Etags;
import io.leadscore.api.JsonBodies;
import io.leadscore.api.MergePatch;
import io.leadscore.common.Caller;
import io.leadscore.common.CrmRecord;
import io.leadscore.common.FieldDef;
import io.leadscore.common.ListQuery;
import io.leadscore.common.NotFoundException;
import io.leadscore.common.ForbiddenException;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordSchema;
import io.leadscore.record.RecordService;
import io.leadscore.customer.AccountService;
import io.leadscore.customer.ContactService;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScore;
import io.leadscore.lead.LeadService;
import io.leadscore.model.ScoringService;
import io.leadscore.scoring.Reason;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.apache.olingo.commons.api.data.ContextURL;
import org.apache.olingo.commons.api.data.Entity;
import org.apache.olingo.commons.api.data.EntityCollection;
import org.apache.olingo.commons.api.data.Link;
import org.apache.olingo.commons.api.edm.EdmEntitySet;
import org.apache.olingo.commons.api.edm.EdmEntityType;
import org.apache.olingo.commons.api.edm.EdmNavigationProperty;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.commons.api.http.HttpMethod;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.prefer.Preferences;
import org.apache.olingo.server.api.prefer.PreferencesApplied;
import org.apache.olingo.server.api.processor.ActionEntityProcessor;
import org.apache.olingo.server.api.processor.CountEntityCollectionProcessor;
import org.apache.olingo.server.api.processor.EntityProcessor;
import org.apache.olingo.server.api.serializer.EntityCollectionSerializerOptions;
import org.apache.olingo.server.api.serializer.EntitySerializerOptions;
import org.apache.olingo.server.api.serializer.ODataSerializer;
import org.apache.olingo.server.api.uri.UriInfo;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceAction;
import org.apache.olingo.server.api.uri.UriResourceEntitySet;
import org.apache.olingo.server.api.uri.UriResourceNavigation;
import org.apache.olingo.server.api.uri.queryoption.ExpandItem;
import org.apache.olingo.server.api.uri.queryoption.ExpandOption;
import org.apache.olingo.server.api.uri.queryoption.SelectOption;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import static io.leadscore.common.Jsons.JSON;

/**
 * Answers the OData requests on Leads, Accounts and Contacts through the same services as {@code /api/v1}: the same
 * row rules (a Salesperson sees their own), the same validation and the same plugin pipeline for every write. Reads
 * page by the services' keyset paging ({@code $skiptoken}); {@code $filter} and {@code $orderby} are translated into
 * the filter language (QueryText); {@code $expand} reaches one level (and a score's reasons under it).
 */
final class RecordsProcessor implements CountEntityCollectionProcessor, EntityProcessor, ActionEntityProcessor {

    /** Rows in a page when the client does not say (Prefer: odata.maxpagesize); at most ListQuery.MAX_TOP. */
    static final int DEFAULT_PAGE = 1000;

    /** The services the processor calls (EJBs the servlet holds). */
    record Services(LeadService leads, AccountService accounts, ContactService contacts, ScoringService scoring) {
    }

    private final Caller caller;
    private final Services services;
    private final ServiceModel model;
    private OData odata;
    private ServiceMetadata metadata;
    /** Records an $expand has read in this request, by entity set and id (null when the caller may not see it). */
    private final Map<String, Optional<CrmRecord>> expanded = new HashMap<>();
    private Map<String, String> modelNames;

    /** The alternate key the request named the lead by, or null; and the id of the lead that has it (null: none). */
    private final AlternateKey alternate;
    private final String alternateId;

    RecordsProcessor(Caller caller, Services services, ServiceModel model, AlternateKey alternate, String alternateId) {
        this.caller = caller;
        this.services = services;
        this.model = model;
        this.alternate = alternate;
        this.alternateId = alternateId;
    }

    @Override
    public void init(OData odata, ServiceMetadata metadata) {
        this.odata = odata;
        this.metadata = metadata;
    }

    // ---- reading collections

    @Override
    public void readEntityCollection(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format)
            throws ODataApplicationException, ODataLibraryException {
        refuseUnsupported(uriInfo);
        List<UriResource> parts = uriInfo.getUriResourceParts();
        UriResourceEntitySet set = (UriResourceEntitySet) parts.get(0);
        ServiceModel.Kind kind = model.kind(set.getEntitySet().getName());
        if (parts.size() == 1) {
            readRecords(request, response, uriInfo, format, set.getEntitySet(), kind);
            return;
        }
        refuseQueryOptions(uriInfo, "a lead's " + parts.get(parts.size() - 1).getSegmentValue());
        Lead lead = services.leads().get(caller, key(set));
        String path = parts.get(1).getSegmentValue();
        EntityCollection items;
        EdmEntityType type;
        if (parts.size() == 2 && path.equals(ServiceModel.HISTORY)) {
            items = history(lead);
            type = ((UriResourceNavigation) parts.get(1)).getProperty().getType();
        } else if (parts.size() == 3 && path.equals(ServiceModel.SCORE)
                && parts.get(2).getSegmentValue().equals(ServiceModel.REASONS)) {
            items = reasons(lead);
            type = ((UriResourceNavigation) parts.get(2)).getProperty().getType();
        } else {
            throw notImplemented("This path");
        }
        ContextURL context = ContextURL.with().entitySet(set.getEntitySet()).keyPath(Entities.key(lead.id()))
                .navOrPropertyPath(navPath(parts)).build();
        write(response, format, odata.createSerializer(format).entityCollection(metadata, type, items,
                EntityCollectionSerializerOptions.with().contextURL(context).select(uriInfo.getSelectOption())
                        .id(request.getRawBaseUri() + request.getRawODataPath()).build()).getContent(),
                HttpStatusCode.OK);
    }

    private void readRecords(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format,
                             EdmEntitySet set, ServiceModel.Kind kind) throws ODataApplicationException, ODataLibraryException {
        Preferences prefer = odata.createPreferences(request.getHeaders(HttpHeader.PREFER));
        Integer asked = prefer.getMaxPageSize();
        int pageSize = asked == null ? DEFAULT_PAGE : Math.max(1, Math.min(asked, ListQuery.MAX_TOP));
        Integer top = uriInfo.getTopOption() == null ? null : uriInfo.getTopOption().getValue();
        int skip = uriInfo.getSkipOption() == null ? 0 : uriInfo.getSkipOption().getValue();
        int fetch = top == null ? pageSize : Math.min(top, pageSize);
        String filter = uriInfo.getFilterOption() == null ? null
                : QueryText.filter(uriInfo.getFilterOption().getExpression(), kind, model);
        String orderBy = QueryText.orderBy(uriInfo.getOrderByOption(), kind, model);
        boolean count = uriInfo.getCountOption() != null && uriInfo.getCountOption().getValue();
        String after = uriInfo.getSkipTokenOption() == null ? null : uriInfo.getSkipTokenOption().getValue();
        Page<? extends CrmRecord> page = list(kind, new ListQuery(filter, orderBy, fetch, skip, count, after));

        EntityCollection items = new EntityCollection();
        for (CrmRecord r : page.items()) {
            Entity e = Entities.of(r, kind);
            expand(e, r, kind, uriInfo.getExpandOption());
            items.getEntities().add(e);
        }
        if (count) {
            items.setCount(page.count().intValue());
        }
        if (page.more() && (top == null || top > fetch)) {
            items.setNext(URI.create(nextLink(request, page.next(), top == null ? null : top - fetch)));
        }
        EdmEntityType type = set.getEntityType();
        ContextURL context = ContextURL.with().entitySet(set).selectList(odata.createUriHelper()
                .buildContextURLSelectList(type, uriInfo.getExpandOption(), uriInfo.getSelectOption())).build();
        ODataSerializer serializer = odata.createSerializer(format);
        write(response, format, serializer.entityCollection(metadata, type, items, EntityCollectionSerializerOptions.with()
                .contextURL(context).select(uriInfo.getSelectOption()).expand(uriInfo.getExpandOption())
                .count(uriInfo.getCountOption()).id(request.getRawBaseUri() + "/" + kind.set()).build()).getContent(),
                HttpStatusCode.OK);
        if (asked != null) {
            response.setHeader(HttpHeader.PREFERENCE_APPLIED, PreferencesApplied.with().maxPageSize(pageSize).build()
                    .toValueString());
        }
    }

    /** This request again from after the page's last row: $skiptoken set, $skip gone, $top what remains of it. */
    private static String nextLink(ODataRequest request, String token, Integer remainingTop) {
        StringBuilder query = new StringBuilder();
        String raw = request.getRawQueryPath();
        if (raw != null && !raw.isEmpty()) {
            for (String p : raw.split("&")) {
                String name = java.net.URLDecoder.decode(p.split("=", 2)[0], StandardCharsets.UTF_8);
                if (!name.equals("$skiptoken") && !name.equals("$skip") && !name.equals("$top") && !p.isEmpty()) {
                    query.append(query.isEmpty() ? "" : "&").append(p);
                }
            }
        }
        if (remainingTop != null) {
            query.append(query.isEmpty() ? "" : "&").append("$top=").append(remainingTop);
        }
        query.append(query.isEmpty() ? "" : "&").append("$skiptoken=")
                .append(java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
        return request.getRawBaseUri() + request.getRawODataPath() + "?" + query;
    }

    private Page<? extends CrmRecord> list(ServiceModel.Kind kind, ListQuery q) {
        return switch (kind.set()) {
            case ServiceModel.LEADS -> services.leads().list(caller, LeadService.View.ALL, q);
            case ServiceModel.ACCOUNTS -> services.accounts().list(caller, q);
            default -> services.contacts().list(caller, q);
        };
    }

    @Override
    public void countEntityCollection(ODataRequest request, ODataResponse response, UriInfo uriInfo)
            throws ODataApplicationException, ODataLibraryException {
        refuseUnsupported(uriInfo);
        List<UriResource> parts = uriInfo.getUriResourceParts();
        if (parts.size() != 2 || !(parts.get(0) instanceof UriResourceEntitySet set)) {
            throw notImplemented("$count of this path");
        }
        ServiceModel.Kind kind = model.kind(set.getEntitySet().getName());
        String filter = uriInfo.getFilterOption() == null ? null
                : QueryText.filter(uriInfo.getFilterOption().getExpression(), kind, model);
        Page<? extends CrmRecord> page = list(kind, new ListQuery(filter, null, 0, 0, true));
        response.setContent(new ByteArrayInputStream(String.valueOf(page.count()).getBytes(StandardCharsets.UTF_8)));
        response.setStatusCode(HttpStatusCode.OK.getStatusCode());
        response.setHeader(HttpHeader.CONTENT_TYPE, ContentType.TEXT_PLAIN.toContentTypeString());
    }

    // ---- reading one

    @Override
    public void readEntity(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format)
            throws ODataApplicationException, ODataLibraryException {
        refuseUnsupported(uriInfo);
        List<UriResource> parts = uriInfo.getUriResourceParts();
        UriResourceEntitySet set = (UriResourceEntitySet) parts.get(0);
        ServiceModel.Kind kind = model.kind(set.getEntitySet().getName());
        CrmRecord record = service(kind).get(caller, key(set));
        if (parts.size() == 1) {
            String etag = Entities.etag(record.version());
            if (odata.createETagHelper().checkReadPreconditions(etag, request.getHeaders(HttpHeader.IF_MATCH),
                    request.getHeaders(HttpHeader.IF_NONE_MATCH))) {
                response.setStatusCode(HttpStatusCode.NOT_MODIFIED.getStatusCode());
                response.setHeader(HttpHeader.ETAG, etag);
                return;
            }
            writeRecord(request, response, uriInfo, format, set.getEntitySet(), kind, record, HttpStatusCode.OK);
            return;
        }
        if (parts.size() != 2 || !(parts.get(1) instanceof UriResourceNavigation nav)) {
            throw notImplemented("This path");
        }
        String name = nav.getProperty().getName();
        Optional<RecordSchema.Relation> relation = kind.schema().relation(name);
        if (relation.isPresent()) {
            Object id = record.field(relation.get().idField());
            if (id == null) {
                response.setStatusCode(HttpStatusCode.NO_CONTENT.getStatusCode());
                return;
            }
            ServiceModel.Kind target = model.kindOfSchema(relation.get().target());
            CrmRecord related = service(target).get(caller, id.toString());
            EdmEntitySet targetSet = metadata.getEdm().getEntityContainer().getEntitySet(target.set());
            writeRecord(request, response, uriInfo, format, targetSet, target, related, HttpStatusCode.OK);
            return;
        }
        if (name.equals(ServiceModel.SCORE) && record instanceof Lead lead) {
            Entity score = score(lead, uriInfo.getExpandOption());
            if (score == null) {
                response.setStatusCode(HttpStatusCode.NO_CONTENT.getStatusCode());
                return;
            }
            ContextURL context = ContextURL.with().entitySet(set.getEntitySet()).keyPath(Entities.key(lead.id()))
                    .navOrPropertyPath(ServiceModel.SCORE).suffix(ContextURL.Suffix.ENTITY).build();
            write(response, format, odata.createSerializer(format).entity(metadata, nav.getProperty().getType(), score,
                    EntitySerializerOptions.with().contextURL(context).select(uriInfo.getSelectOption())
                            .expand(uriInfo.getExpandOption()).build()).getContent(), HttpStatusCode.OK);
            return;
        }
        throw notImplemented("This path");
    }

    private void writeRecord(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format,
                             EdmEntitySet set, ServiceModel.Kind kind, CrmRecord record, HttpStatusCode status)
            throws ODataApplicationException, ODataLibraryException {
        ExpandOption expand = uriInfo == null ? null : uriInfo.getExpandOption();
        SelectOption select = uriInfo == null ? null : uriInfo.getSelectOption();
        Entity e = Entities.of(record, kind);
        expand(e, record, kind, expand);
        ContextURL context = ContextURL.with().entitySet(set).selectList(odata.createUriHelper()
                .buildContextURLSelectList(set.getEntityType(), expand, select)).suffix(ContextURL.Suffix.ENTITY).build();
        write(response, format, odata.createSerializer(format).entity(metadata, set.getEntityType(), e,
                EntitySerializerOptions.with().contextURL(context).select(select).expand(expand).build()).getContent(),
                status);
        response.setHeader(HttpHeader.ETAG, e.getETag());
    }

    // ---- $expand

    private void expand(Entity e, CrmRecord record, ServiceModel.Kind kind, ExpandOption expand)
            throws ODataApplicationException {
        if (expand == null) {
            return;
        }
        EdmEntityType type = metadata.getEdm().getEntityType(kind.type());
        for (ExpandItem item : expand.getExpandItems()) {
            List<String> names = new ArrayList<>();
            if (item.isStar()) {
                names.addAll(type.getNavigationPropertyNames());
            } else {
                List<UriResource> path = item.getResourcePath().getUriResourceParts();
                if (path.size() != 1 || !(path.get(0) instanceof UriResourceNavigation nav)) {
                    throw notImplemented("$expand of this path");
                }
                names.add(nav.getProperty().getName());
            }
            if (item.getFilterOption() != null || item.getOrderByOption() != null || item.getTopOption() != null
                    || item.getSkipOption() != null || item.getCountOption() != null || item.getSearchOption() != null
                    || item.getLevelsOption() != null || item.getApplyOption() != null) {
                throw notImplemented("An option other than $select and $expand inside $expand");
            }
            for (String name : names) {
                if (e.getNavigationLink(name) != null) {
                    continue;
                }
                Link link = new Link();
                link.setTitle(name);
                link.setRel("http://docs.oasis-open.org/odata/ns/related/" + name);
                link.setHref(e.getId() + "/" + name); // clients (Olingo's) read an inline value by its link
                Optional<RecordSchema.Relation> relation = kind.schema().relation(name);
                if (relation.isPresent()) {
                    if (item.getExpandOption() != null) {
                        throw notImplemented("$expand deeper than one level below " + name);
                    }
                    link.setInlineEntity(related(record, relation.get()));
                } else if (name.equals(ServiceModel.SCORE) && record instanceof Lead lead) {
                    link.setInlineEntity(score(lead, item.getExpandOption()));
                } else if (name.equals(ServiceModel.HISTORY) && record instanceof Lead lead) {
                    if (item.getExpandOption() != null) {
                        throw notImplemented("$expand below history");
                    }
                    link.setInlineEntitySet(history(lead));
                } else {
                    throw notImplemented("$expand of " + name);
                }
                e.getNavigationLinks().add(link);
            }
        }
    }

    /** The record a relation points at, as an entity; null when there is none or the caller may not see it. */
    private Entity related(CrmRecord record, RecordSchema.Relation relation) {
        Object id = record.field(relation.idField());
        if (id == null) {
            return null;
        }
        ServiceModel.Kind target = model.kindOfSchema(relation.target());
        Optional<CrmRecord> found = expanded.computeIfAbsent(target.set() + "/" + id, k -> {
            try {
                return Optional.of(service(target).get(caller, id.toString()));
            } catch (RuntimeException ex) {
                Throwable t = io.leadscore.api.ProblemMapper.unwrap(ex);
                if (t instanceof NotFoundException || t instanceof ForbiddenException) {
                    return Optional.empty(); // as Dataverse: a related record the caller may not read is left out
                }
                throw ex;
            }
        });
        return found.map(r -> Entities.of(r, target)).orElse(null);
    }

    private Entity score(Lead lead, ExpandOption expand) throws ODataApplicationException {
        LeadScore s = lead.score();
        if (s == null) {
            return null;
        }
        if (modelNames == null) {
            modelNames = new HashMap<>();
        }
        String name = modelNames.computeIfAbsent(s.modelId(), id -> {
            String n = services.scoring().modelName(id);
            return n == null ? "" : n;
        });
        Entity e = Entities.score(lead.id(), s, name.isEmpty() ? null : name);
        if (expand != null) {
            for (ExpandItem item : expand.getExpandItems()) {
                boolean reasons = item.isStar() || item.getResourcePath().getUriResourceParts().get(0).getSegmentValue()
                        .equals(ServiceModel.REASONS);
                if (!reasons || item.getExpandOption() != null || item.getFilterOption() != null
                        || item.getTopOption() != null || item.getOrderByOption() != null) {
                    throw notImplemented("This $expand of a score");
                }
                Link link = new Link();
                link.setTitle(ServiceModel.REASONS);
                link.setHref(e.getId() + "/" + ServiceModel.REASONS);
                link.setInlineEntitySet(reasons(lead));
                e.getNavigationLinks().add(link);
            }
        }
        return e;
    }

    private EntityCollection reasons(Lead lead) {
        EntityCollection out = new EntityCollection();
        ScoringService.Details d = services.scoring().details(lead);
        if (d != null) {
            for (Reason r : d.positive()) {
                out.getEntities().add(Entities.reason(r, true));
            }
            for (Reason r : d.negative()) {
                out.getEntities().add(Entities.reason(r, false));
            }
        }
        return out;
    }

    private EntityCollection history(Lead lead) {
        EntityCollection out = new EntityCollection();
        int seq = 0;
        for (io.leadscore.lead.ScorePoint p : services.scoring().history(lead.id())) {
            out.getEntities().add(Entities.history(++seq, p));
        }
        return out;
    }

    // ---- writing

    @Override
    public void createEntity(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType requestFormat,
                             ContentType responseFormat) throws ODataApplicationException, ODataLibraryException {
        List<UriResource> parts = uriInfo.getUriResourceParts();
        if (parts.size() != 1) {
            throw notImplemented("Creating through a navigation");
        }
        EdmEntitySet set = ((UriResourceEntitySet) parts.get(0)).getEntitySet();
        ServiceModel.Kind kind = model.kind(set.getName());
        JsonObject input = body(request, requestFormat, set.getEntityType(), kind);
        CrmRecord created = service(kind).create(caller, RecordInput.parse(kind.schema(), input));
        String location = request.getRawBaseUri() + "/" + kind.set() + "(" + Entities.key(created.id()) + ")";
        response.setHeader(HttpHeader.LOCATION, location);
        if (minimal(request)) {
            response.setStatusCode(HttpStatusCode.NO_CONTENT.getStatusCode());
            response.setHeader(HttpHeader.ODATA_ENTITY_ID, location);
            response.setHeader(HttpHeader.ETAG, Entities.etag(created.version()));
            response.setHeader(HttpHeader.PREFERENCE_APPLIED, "return=minimal");
            return;
        }
        writeRecord(request, response, null, responseFormat, set, kind, created, HttpStatusCode.CREATED);
    }

    @Override
    public void updateEntity(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType requestFormat,
                             ContentType responseFormat) throws ODataApplicationException, ODataLibraryException {
        List<UriResource> parts = uriInfo.getUriResourceParts();
        if (parts.size() != 1) {
            throw notImplemented("Changing through a navigation");
        }
        UriResourceEntitySet resource = (UriResourceEntitySet) parts.get(0);
        EdmEntitySet set = resource.getEntitySet();
        ServiceModel.Kind kind = model.kind(set.getName());
        RecordService<? extends CrmRecord> service = service(kind);
        Long expected = Etags.ifMatch(request.getHeader(HttpHeader.IF_MATCH));
        JsonObject input = body(request, requestFormat, set.getEntityType(), kind);
        boolean replace = request.getMethod() == HttpMethod.PUT;
        if (alternate != null) {
            upsert(request, response, responseFormat, set, kind, input, expected, replace);
            return;
        }
        CrmRecord current = service.get(caller, key(resource));
        RecordInput changes = changes(kind, current, input, replace);
        CrmRecord updated = service.update(caller, current.id(), expected != null ? expected : current.version(), changes);
        if (representation(request)) {
            writeRecord(request, response, null, responseFormat, set, kind, updated, HttpStatusCode.OK);
            response.setHeader(HttpHeader.PREFERENCE_APPLIED, "return=representation");
            return;
        }
        response.setStatusCode(HttpStatusCode.NO_CONTENT.getStatusCode());
        response.setHeader(HttpHeader.ETAG, Entities.etag(updated.version()));
    }

    /** The input a PATCH (merged into the record) or a PUT (a replacement: what the body leaves out is emptied) means. */
    private static RecordInput changes(ServiceModel.Kind kind, CrmRecord current, JsonObject input, boolean replace) {
        if (current == null || replace) {
            JsonObjectBuilder whole = JSON.createObjectBuilder();
            if (current != null) {
                for (FieldDef f : kind.schema().fields()) {
                    if (f.writable() && !kind.schema().isComputed(f.name())) {
                        whole.addNull(f.name());
                    }
                }
                whole.add(ServiceModel.ATTRIBUTES, JSON.createObjectBuilder());
            }
            input.forEach(whole::add);
            return RecordInput.parse(kind.schema(), whole.build());
        }
        return MergePatch.apply(kind.schema(), current, input);
    }

    /**
     * PATCH or PUT on {@code Leads(externalSource='…',externalId='…')}: Dataverse's upsert. Creates the lead with the
     * key (201 with Location) or changes the one that has it, through the plugin pipeline either way.
     */
    private void upsert(ODataRequest request, ODataResponse response, ContentType format, EdmEntitySet set,
                        ServiceModel.Kind kind, JsonObject input, Long expected, boolean replace)
            throws ODataApplicationException, ODataLibraryException {
        for (String part : List.of("externalSource", "externalId")) {
            String inPath = part.equals("externalSource") ? alternate.externalSource() : alternate.externalId();
            if (input.containsKey(part) && !(input.get(part) instanceof jakarta.json.JsonString js
                    && js.getString().equals(inPath))) {
                throw new io.leadscore.common.ValidationException(part, "differs from the key in the address; leave "
                        + "it out or give the same");
            }
        }
        JsonObject keyed = JSON.createObjectBuilder(input).add("externalSource", alternate.externalSource())
                .add("externalId", alternate.externalId()).build();
        LeadService.Upserted done = services.leads().upsert(caller, alternate.externalSource(), alternate.externalId(),
                expected, current -> changes(kind, current, keyed, replace));
        Lead lead = done.lead();
        if (done.created()) {
            response.setHeader(HttpHeader.LOCATION, request.getRawBaseUri() + "/" + kind.set() + "("
                    + Entities.key(lead.id()) + ")");
            writeRecord(request, response, null, format, set, kind, lead, HttpStatusCode.CREATED);
        } else if (representation(request)) {
            writeRecord(request, response, null, format, set, kind, lead, HttpStatusCode.OK);
        } else {
            response.setStatusCode(HttpStatusCode.NO_CONTENT.getStatusCode());
            response.setHeader(HttpHeader.ETAG, Entities.etag(lead.version()));
        }
    }

    @Override
    public void deleteEntity(ODataRequest request, ODataResponse response, UriInfo uriInfo)
            throws ODataApplicationException, ODataLibraryException {
        List<UriResource> parts = uriInfo.getUriResourceParts();
        if (parts.size() != 1) {
            throw notImplemented("Deleting through a navigation");
        }
        UriResourceEntitySet resource = (UriResourceEntitySet) parts.get(0);
        ServiceModel.Kind kind = model.kind(resource.getEntitySet().getName());
        service(kind).delete(caller, key(resource), Etags.ifMatch(request.getHeader(HttpHeader.IF_MATCH)));
        response.setStatusCode(HttpStatusCode.NO_CONTENT.getStatusCode());
    }

    @Override
    public void processActionEntity(ODataRequest request, ODataResponse response, UriInfo uriInfo,
                                    ContentType requestFormat, ContentType responseFormat)
            throws ODataApplicationException, ODataLibraryException {
        List<UriResource> parts = uriInfo.getUriResourceParts();
        if (parts.size() != 2 || !(parts.get(0) instanceof UriResourceEntitySet set)
                || !(parts.get(1) instanceof UriResourceAction action)) {
            throw notImplemented("This action call");
        }
        String id = key(set);
        Long expected = Etags.ifMatch(request.getHeader(HttpHeader.IF_MATCH));
        Lead lead = switch (action.getAction().getName()) {
            case "Qualify" -> services.leads().qualify(caller, id, expected);
            case "Disqualify" -> services.leads().disqualify(caller, id, expected);
            default -> throw notImplemented("The action " + action.getAction().getName());
        };
        writeRecord(request, response, null, responseFormat, set.getEntitySet(), model.kind(ServiceModel.LEADS), lead,
                HttpStatusCode.OK);
    }

    // ---- helpers

    private JsonObject body(ODataRequest request, ContentType format, EdmEntityType type, ServiceModel.Kind kind)
            throws ODataLibraryException {
        InputStream limited = new ByteArrayInputStream(JsonBodies.readBytes(request.getBody(), JsonBodies.MAX_BYTES));
        Entity entity = odata.createDeserializer(format, metadata).entity(limited, type).getEntity();
        return Entities.input(entity, kind, model);
    }

    private static boolean minimal(ODataRequest request) {
        String prefer = request.getHeader(HttpHeader.PREFER);
        return prefer != null && prefer.toLowerCase(Locale.ROOT).contains("return=minimal");
    }

    private static boolean representation(ODataRequest request) {
        String prefer = request.getHeader(HttpHeader.PREFER);
        return prefer != null && prefer.toLowerCase(Locale.ROOT).contains("return=representation");
    }

    private RecordService<? extends CrmRecord> service(ServiceModel.Kind kind) {
        return switch (kind.set()) {
            case ServiceModel.LEADS -> services.leads();
            case ServiceModel.ACCOUNTS -> services.accounts();
            default -> services.contacts();
        };
    }

    private String key(UriResourceEntitySet set) throws ODataApplicationException {
        if (alternate != null) {
            if (alternateId == null) {
                throw new NotFoundException("lead with key", alternate.externalSource() + "/" + alternate.externalId());
            }
            return alternateId;
        }
        if (set.getKeyPredicates().size() != 1) {
            throw notImplemented("This key");
        }
        String text = set.getKeyPredicates().get(0).getText();
        // a string key arrives as its literal, 'x' with quotes doubled
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            return text.substring(1, text.length() - 1).replace("''", "'");
        }
        return text;
    }

    private static String navPath(List<UriResource> parts) {
        StringBuilder sb = new StringBuilder();
        for (UriResource p : parts.subList(1, parts.size())) {
            sb.append(sb.isEmpty() ? "" : "/").append(p.getSegmentValue());
        }
        return sb.toString();
    }

    private static void refuseUnsupported(UriInfo uriInfo) throws ODataApplicationException {
        if (uriInfo.getSearchOption() != null) {
            throw notImplemented("$search (use $filter with contains)");
        }
        if (uriInfo.getApplyOption() != null) {
            throw notImplemented("$apply");
        }
    }

    private static void refuseQueryOptions(UriInfo uriInfo, String what) throws ODataApplicationException {
        if (uriInfo.getFilterOption() != null || uriInfo.getOrderByOption() != null || uriInfo.getTopOption() != null
                || uriInfo.getSkipOption() != null || uriInfo.getCountOption() != null
                || uriInfo.getExpandOption() != null) {
            throw notImplemented("$filter, $orderby, $top, $skip, $count and $expand on " + what);
        }
    }

    static ODataApplicationException notImplemented(String what) {
        return new ODataApplicationException(what + " is not supported by this service",
                HttpStatusCode.NOT_IMPLEMENTED.getStatusCode(), Locale.ROOT);
    }

    private static void write(ODataResponse response, ContentType format, InputStream content, HttpStatusCode status) {
        response.setContent(content);
        response.setStatusCode(status.getStatusCode());
        response.setHeader(HttpHeader.CONTENT_TYPE, format.toContentTypeString());
    }
}
