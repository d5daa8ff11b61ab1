package io.leadscore.odata;

import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.batch.BatchFacade;
import org.apache.olingo.server.api.deserializer.batch.BatchOptions;
import org.apache.olingo.server.api.deserializer.batch.BatchRequestPart;
import org.apache.olingo.server.api.deserializer.batch.ODataResponsePart;
import org.apache.olingo.server.api.processor.BatchProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code $batch} (multipart/mixed): the requests of a batch in order, each answered on its own; the requests of a
 * change set in one transaction, all or nothing, as Dataverse does: the first that fails rolls back those before it
 * and is the change set's answer. Each request goes through the same processor, so the same services, roles, row
 * rules and pipeline as a request of its own; system jobs of a change set start once it commits.
 */
final class ChangeSets implements BatchProcessor {

    private static final Logger LOG = Logger.getLogger(ChangeSets.class.getName());

    /** At most this many requests in one batch (Dataverse allows 1,000). */
    static final int MAX_REQUESTS = 1000;

    private final UserTransaction transaction;
    private OData odata;

    ChangeSets(UserTransaction transaction) {
        this.transaction = transaction;
    }

    @Override
    public void init(OData odata, ServiceMetadata metadata) {
        this.odata = odata;
    }

    @Override
    public void processBatch(BatchFacade facade, ODataRequest request, ODataResponse response)
            throws ODataApplicationException, ODataLibraryException {
        String boundary = facade.extractBoundaryFromContentType(request.getHeader(HttpHeader.CONTENT_TYPE));
        BatchOptions options = BatchOptions.with().rawBaseUri(request.getRawBaseUri())
                .rawServiceResolutionUri(request.getRawServiceResolutionUri()).build();
        List<BatchRequestPart> parts = odata.createFixedFormatDeserializer()
                .parseBatchRequest(request.getBody(), boundary, options);
        int requests = parts.stream().mapToInt(p -> p.getRequests().size()).sum();
        if (requests > MAX_REQUESTS) {
            throw new ODataApplicationException("The batch holds " + requests + " requests; at most " + MAX_REQUESTS
                    + " go in one", HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
        }
        List<ODataResponsePart> answers = new ArrayList<>(parts.size());
        for (BatchRequestPart part : parts) {
            answers.add(facade.handleBatchRequest(part));
        }
        String answerBoundary = "batchresponse_" + UUID.randomUUID();
        response.setContent(odata.createFixedFormatSerializer().batchResponse(answers, answerBoundary));
        response.setHeader(HttpHeader.CONTENT_TYPE, ContentType.MULTIPART_MIXED + ";boundary=" + answerBoundary);
        response.setStatusCode(HttpStatusCode.OK.getStatusCode());
    }

    @Override
    public ODataResponsePart processChangeSet(BatchFacade facade, List<ODataRequest> requests)
            throws ODataApplicationException, ODataLibraryException {
        begin();
        boolean committed = false;
        try {
            List<ODataResponse> answers = new ArrayList<>(requests.size());
            for (ODataRequest request : requests) {
                ODataResponse answer = facade.handleODataRequest(request);
                if (answer.getStatusCode() >= 400 || transaction.getStatus() != Status.STATUS_ACTIVE) {
                    // the first failure answers for the change set; nothing of it is written
                    return new ODataResponsePart(answer.getStatusCode() >= 400 ? answer : aborted(), false);
                }
                answers.add(answer);
            }
            transaction.commit();
            committed = true;
            return new ODataResponsePart(answers, true);
        } catch (jakarta.transaction.RollbackException e) {
            throw new ODataApplicationException("The change set was not written: another request changed the same "
                    + "records meanwhile; read them again", HttpStatusCode.CONFLICT.getStatusCode(), Locale.ROOT);
        } catch (jakarta.transaction.SystemException | jakarta.transaction.HeuristicMixedException
                 | jakarta.transaction.HeuristicRollbackException e) {
            LOG.log(Level.WARNING, "A change set's transaction could not be completed", e);
            throw new ODataApplicationException("The change set could not be written",
                    HttpStatusCode.SERVICE_UNAVAILABLE.getStatusCode(), Locale.ROOT);
        } finally {
            if (!committed) {
                rollback();
            }
        }
    }

    private static ODataResponse aborted() {
        ODataResponse answer = new ODataResponse();
        answer.setStatusCode(HttpStatusCode.CONFLICT.getStatusCode());
        return answer;
    }

    private void begin() throws ODataApplicationException {
        try {
            transaction.begin();
        } catch (jakarta.transaction.NotSupportedException | jakarta.transaction.SystemException e) {
            throw new ODataApplicationException("The change set could not be started",
                    HttpStatusCode.SERVICE_UNAVAILABLE.getStatusCode(), Locale.ROOT);
        }
    }

    private void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (jakarta.transaction.SystemException | IllegalStateException e) {
            LOG.log(Level.WARNING, "A change set's transaction could not be rolled back", e);
        }
    }
}
