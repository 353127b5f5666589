package io.uptake.ingest.source.microsoft365;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DynamicsMappingTest {

    private static final String EDGE = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0";

    /** UserType codes of the Management Activity API schema, each with a browser's user agent. */
    @ParameterizedTest(name = "UserType {0} in a browser is {1}")
    @CsvSource({
            "0, web",           // Regular
            "1, automation",    // Reserved
            "2, web",           // Admin
            "3, web",           // DcAdmin
            "4, automation",    // System
            "5, api",           // Application
            "6, api",           // ServicePrincipal
            "7, automation",    // CustomPolicy
            "8, automation",    // SystemPolicy
            "9, web"})          // not in the schema: the browser decides
    void userTypeDecidesWhoActedFirst(int userType, String client) {
        assertThat(DynamicsMapping.client(userType, "ada.lovelace@example.com", EDGE)).isEqualTo(client);
    }

    /** A person's user type; the user agent tells a browser, a phone, a flow or a program. */
    @ParameterizedTest(name = "a regular user with agent [{0}] is {1}")
    @CsvSource(delimiter = '|', value = {
            "|web",
            "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148|mobile",
            "Dalvik/2.1.0 (Linux; U; Android 14; SM-S918B Build/UP1A.231005.007)|mobile",
            "azure-logic-apps/1.0 (workflow 0a1b2c3d4e5f; version 08584712345678901234)|automation",
            "Microsoft.Xrm.Tooling.Connector/9.1.1.65|api",
            "python-requests/2.32.3|api",
            "PostmanRuntime/7.39.0|api",
            "Go-http-client/2.0|api",
            "SomeCrawler/1.0|api"})
    void theUserAgentOfAPersonTellsABrowserAPhoneAFlowOrAProgram(String userAgent, String client) {
        assertThat(DynamicsMapping.client(DynamicsMapping.REGULAR, "ada.lovelace@example.com", userAgent)).isEqualTo(client);
    }

    @Test
    void withoutAUserTypeOnlyABrowsersAgentIsAPerson() {
        assertThat(DynamicsMapping.client(null, "ada.lovelace@example.com", EDGE)).isEqualTo("web");
        assertThat(DynamicsMapping.client(null, "ada.lovelace@example.com", null)).isEqualTo("api");
        assertThat(DynamicsMapping.client(null, "ada.lovelace@example.com", "Microsoft Dynamics CRM SDK")).isEqualTo("api");
    }

    @Test
    void anApplicationUserIsAProgramWhateverItsUserTypeAndAgent() {
        assertThat(DynamicsMapping.client(DynamicsMapping.REGULAR,
                "2b7e1f4c-9d3a-4c55-8a61-0f3e5d7c9b21@8F3C2A1E-6B4D-4E7F-9A0C-1D2E3F4A5B6C.com", EDGE)).isEqualTo("api");
        // A person's address at a GUID-like domain that is not .com is no application user.
        assertThat(DynamicsMapping.client(DynamicsMapping.REGULAR,
                "ada@8f3c2a1e-6b4d-4e7f-9a0c-1d2e3f4a5b6c.org", EDGE)).isEqualTo("web");
    }

    @Test
    void userTypeIsReadFromItsCodeOrItsMemberName() {
        assertThat(DynamicsMapping.userType("0")).isEqualTo(0);
        assertThat(DynamicsMapping.userType("ServicePrincipal")).isEqualTo(6);
        assertThat(DynamicsMapping.userType("dcadmin")).isEqualTo(3);
        assertThat(DynamicsMapping.userType("Robot")).isNull();
        assertThat(DynamicsMapping.userType("99999999999")).isNull();
    }

    @ParameterizedTest(name = "{0} on {1} is {2}")
    @CsvSource({
            "Retrieve, account, record_view",
            "retrievemultiple, contact, page_view",
            "ExecuteFetch, opportunity, page_view",
            "Create, lead, record_create",
            "UpsertMultiple, lead, record_update",
            "QualifyLead, lead, record_update",
            "DeleteMultiple, incident, record_delete",
            "ExportToExcel, opportunity, report_export",
            "ExportToWord, quote, report_export",
            "searchquery, account, search",
            "Retrieve, knowledgearticle, knowledge_view",
            "Create, authentication, login",
            "PublishAllXml, Unknown, other"})
    void messagesMapToEventTypes(String message, String entity, String eventType) {
        assertThat(DynamicsMapping.eventType(message, entity, DynamicsMapping.objectType(entity), null)).isEqualTo(eventType);
    }

    @Test
    void entitiesMapToObjectTypesAndOthersKeepTheirLogicalName() {
        assertThat(DynamicsMapping.objectType("incident")).isEqualTo("Case");
        assertThat(DynamicsMapping.objectType("Account")).isEqualTo("Account");
        assertThat(DynamicsMapping.objectType("salesorder")).isEqualTo("Order");
        assertThat(DynamicsMapping.objectType("msdyn_customerasset")).isEqualTo("msdyn_customerasset");
        assertThat(DynamicsMapping.objectType("Unknown")).isNull();
        assertThat(DynamicsMapping.objectType(" ")).isNull();
    }
}
