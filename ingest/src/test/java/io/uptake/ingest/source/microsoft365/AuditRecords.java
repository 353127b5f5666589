package io.uptake.ingest.source.microsoft365;

import java.util.List;

/**
 * Dynamics 365 audit records in the shape the Office 365 Management Activity API schema documents
 * (common schema + Dynamics 365 base and entity operation schemas: RecordType 21, Workload CRM,
 * CreationTime in UTC without an offset), with the example ids, entities, messages and queries of
 * Power Platform's "Dataverse and model-driven apps activity logging" page. One compact record a line.
 */
public final class AuditRecords {

    /** Ada, a regular user in Edge, opens the account Fourth Coffee (the page's Example 1). */
    public static final String VIEW_ACCOUNT = """
            {"CreationTime":"2025-10-01T09:00:03","Id":"50e01c88-2e43-4005-8be8-9ceb172e2e90","Operation":"Retrieve","OrganizationId":"4a7d9c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f","RecordType":21,"ResultStatus":"Success","UserKey":"10033FFF8A2B4C6D","UserType":0,"Version":1,"Workload":"CRM","ClientIP":"203.0.113.7","ObjectId":"https://contoso.crm.dynamics.com/main.aspx?etn=account&pagetype=entityrecord&id=00aa00aa-bb11-cc22-dd33-44ee44ee44ee","UserId":"ada.lovelace@example.com","CrmOrganizationUniqueName":"org8a3b2c1d","Fields":[],"InstanceUrl":"https://contoso.crm.dynamics.com","ItemType":"account","ItemUrl":"https://contoso.crm.dynamics.com/main.aspx?etn=account&pagetype=entityrecord&id=00aa00aa-bb11-cc22-dd33-44ee44ee44ee","UserAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0","CorrelationId":"7d3e9a52-1c4b-4f0e-9b8a-6c5d4e3f2a1b","EntityId":"00aa00aa-bb11-cc22-dd33-44ee44ee44ee","EntityName":"account","Message":"Retrieve","PrimaryFieldValue":"Fourth Coffee","Query":"","QueryResults":""}""";

    /** Ada sees her open accounts in a grid (Example 2): no entity id, the grid's filter and the records shown. */
    public static final String ACCOUNT_GRID = """
            {"CreationTime":"2025-10-01T09:00:10","Id":"ef83f463-b92f-455e-97a6-2060a47efe33","Operation":"RetrieveMultiple","OrganizationId":"4a7d9c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f","RecordType":21,"ResultStatus":"Success","UserKey":"10033FFF8A2B4C6D","UserType":0,"Version":1,"Workload":"CRM","ClientIP":"203.0.113.7","UserId":"ada.lovelace@example.com","CrmOrganizationUniqueName":"org8a3b2c1d","InstanceUrl":"https://contoso.crm.dynamics.com","ItemType":"account","UserAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0","CorrelationId":"1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9","EntityId":"00000000-0000-0000-0000-000000000000","EntityName":"account","Message":"RetrieveMultiple","Query":"<filter type=\\"and\\"><condition column=\\"ownerid\\" operator=\\"eq-userid\\" /><condition column=\\"statecode\\" operator=\\"eq\\" value=\\"0\\" /></filter>","QueryResults":"00aa00aa-bb11-cc22-dd33-44ee44ee44ee, dc136b61-6c1e-e811-a952-000d3a732d76"}""";

    /** Ada types in the contacts' Quick Find box: a grid query whose filter is marked isquickfindfields. */
    public static final String QUICK_FIND_CONTACTS = """
            {"CreationTime":"2025-10-01T09:01:00","Id":"3f2b8c1d-5e6a-4b7c-9d8e-0f1a2b3c4d5e","Operation":"RetrieveMultiple","OrganizationId":"4a7d9c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f","RecordType":21,"ResultStatus":"Success","UserKey":"10033FFF8A2B4C6D","UserType":0,"Version":1,"Workload":"CRM","ClientIP":"203.0.113.7","UserId":"ada.lovelace@example.com","InstanceUrl":"https://contoso.crm.dynamics.com","ItemType":"contact","UserAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0","EntityName":"contact","Message":"RetrieveMultiple","Query":"<filter type=\\"or\\" isquickfindfields=\\"1\\"><condition attribute=\\"fullname\\" operator=\\"like\\" value=\\"Fourth%\\" /></filter>","QueryResults":"23ad069e-4d22-e811-a953-000d3a732d76"}""";

    /** Katherine, whom users does not list, creates an opportunity on her iPhone (the Example 3 opportunity). */
    public static final String CREATE_OPPORTUNITY_ON_PHONE = """
            {"CreationTime":"2025-10-01T10:15:00","Id":"5aca837c-a1f5-4801-b770-5c66183a58aa","Operation":"Create","OrganizationId":"4a7d9c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f","RecordType":21,"ResultStatus":"Success","UserKey":"10033FFF9C8D7E6F","UserType":0,"Version":1,"Workload":"CRM","ClientIP":"198.51.100.23","UserId":"katherine.johnson@example.com","InstanceUrl":"https://contoso.crm.dynamics.com","ItemType":"opportunity","Fields":[{"Name":"name","Value":"50 Airpot XL"}],"UserAgent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148","EntityId":"25ad069e-4d22-e811-a953-000d3a732d76","EntityName":"opportunity","Message":"Create","PrimaryFieldValue":"50 Airpot XL"}""";

    /** An application user (Dataverse's <app id>@<tenant id>.com) updates a case; a regular user type, no agent. */
    public static final String APPLICATION_USER_UPDATES_CASE = """
            {"CreationTime":"2025-10-01T11:00:00","Id":"c9585748-fdbf-4ff7-970c-bb37f6aa2c36","Operation":"Update","OrganizationId":"4a7d9c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f","RecordType":21,"ResultStatus":"Success","UserKey":"10033FFFA1B2C3D4","UserType":0,"Version":1,"Workload":"CRM","ClientIP":"20.42.1.1","UserId":"2b7e1f4c-9d3a-4c55-8a61-0f3e5d7c9b21@8f3c2a1e-6b4d-4e7f-9a0c-1d2e3f4a5b6c.com","InstanceUrl":"https://contoso.crm.dynamics.com","ItemType":"incident","EntityId":"1cad069e-4d22-e811-a953-000d3a732d76","EntityName":"incident","Message":"Update"}""";

    /** A Power Automate flow, running as Ada, assigns a lead: a Logic Apps user agent. */
    public static final String FLOW_ASSIGNS_LEAD = """
            {"CreationTime":"2025-10-01T11:05:00","Id":"0975bceb-07c7-4dc2-b621-5a7b245c36a4","Operation":"Assign","OrganizationId":"4a7d9c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f","RecordType":21,"ResultStatus":"Success","UserKey":"10033FFF8A2B4C6D","UserType":0,"Version":1,"Workload":"CRM","UserId":"ada.lovelace@example.com","InstanceUrl":"https://contoso.crm.dynamics.com","ItemType":"lead","UserAgent":"azure-logic-apps/1.0 (workflow 0a1b2c3d4e5f; version 08584712345678901234)","EntityId":"1cad069e-4d22-e811-a953-000d3a732d76","EntityName":"lead","Message":"Assign"}""";

    /** A system account (UserType 4) closes a case's state. */
    public static final String SYSTEM_SETS_CASE_STATE = """
            {"CreationTime":"2025-10-01T11:10:00","Id":"9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4","Operation":"SetState","OrganizationId":"4a7d9c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f","RecordType":21,"ResultStatus":"Success","UserKey":"10033FFF00000001","UserType":4,"Version":1,"Workload":"CRM","UserId":"system@example.com","InstanceUrl":"https://contoso.crm.dynamics.com","ItemType":"incident","EntityId":"1cad069e-4d22-e811-a953-000d3a732d76","EntityName":"incident","Message":"SetState"}""";

    /** Katherine's script reads accounts through the SDK: a regular user, an SDK user agent. */
    public static final String SDK_READS_ACCOUNTS = """
            {"CreationTime":"2025-10-01T12:00:00","Id":"b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e","Operation":"RetrieveMultiple","OrganizationId":"4a7d9c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f","RecordType":21,"ResultStatus":"Success","UserKey":"10033FFF9C8D7E6F","UserType":0,"Version":1,"Workload":"CRM","UserId":"katherine.johnson@example.com","InstanceUrl":"https://contoso.crm.dynamics.com","ItemType":"account","UserAgent":"Microsoft.Xrm.Tooling.Connector/9.1.1.65","EntityName":"account","Message":"RetrieveMultiple","Query":""}""";

    /** Ada exports the opportunities grid to Excel. */
    public static final String EXPORT_OPPORTUNITIES = """
            {"CreationTime":"2025-10-01T13:00:00","Id":"a0469f30-078b-419d-be61-b04c9a34121f","Operation":"ExportToExcel","OrganizationId":"4a7d9c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f","RecordType":21,"ResultStatus":"Success","UserKey":"10033FFF8A2B4C6D","UserType":0,"Version":1,"Workload":"CRM","UserId":"ada.lovelace@example.com","InstanceUrl":"https://contoso.crm.dynamics.com","ItemType":"opportunity","UserAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0","EntityName":"opportunity","Message":"ExportToExcel"}""";

    /** Ada, an admin (UserType 2), fails to delete a contact. */
    public static final String FAILED_DELETE = """
            {"CreationTime":"2025-10-01T13:30:00","Id":"53c98033-cca4-4420-97e4-4c1b4f81e062","Operation":"Delete","OrganizationId":"4a7d9c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f","RecordType":21,"ResultStatus":"Failed","UserKey":"10033FFF8A2B4C6D","UserType":2,"Version":1,"Workload":"CRM","UserId":"ada.lovelace@example.com","InstanceUrl":"https://contoso.crm.dynamics.com","ItemType":"contact","UserAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0","EntityId":"23ad069e-4d22-e811-a953-000d3a732d76","EntityName":"contact","Message":"Delete"}""";

    /** Katherine reads a knowledge article on an Android tablet. */
    public static final String READ_KNOWLEDGE_ARTICLE = """
            {"CreationTime":"2025-10-02T08:00:00","Id":"6b1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f","Operation":"Retrieve","OrganizationId":"4a7d9c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f","RecordType":21,"ResultStatus":"Success","UserKey":"10033FFF9C8D7E6F","UserType":0,"Version":1,"Workload":"CRM","UserId":"katherine.johnson@example.com","InstanceUrl":"https://contoso.crm.dynamics.com","ItemType":"knowledgearticle","UserAgent":"Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36","EntityId":"7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f","EntityName":"knowledgearticle","Message":"Retrieve"}""";

    /** A record without an Id: its event id is the SHA-256 of the line. */
    public static final String VIEW_CONTACT_WITHOUT_ID = """
            {"CreationTime":"2025-10-02T09:00:00","Operation":"Retrieve","RecordType":21,"ResultStatus":"Success","UserType":0,"Workload":"CRM","UserId":"ada.lovelace@example.com","UserAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0","EntityId":"23ad069e-4d22-e811-a953-000d3a732d76","EntityName":"contact","Message":"Retrieve"}""";

    /** An Exchange record of the same mixed export: not Dynamics activity. */
    public static final String EXCHANGE_MAIL_ACCESSED = """
            {"CreationTime":"2025-10-01T09:05:00","Id":"8e4c7b1a-2d3f-4e5a-9b6c-7d8e9f0a1b2c","Operation":"MailItemsAccessed","OrganizationId":"4a7d9c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f","RecordType":50,"ResultStatus":"Succeeded","UserKey":"10033FFF8A2B4C6D","UserType":0,"Version":1,"Workload":"Exchange","ClientIP":"203.0.113.7","UserId":"ada.lovelace@example.com","MailboxOwnerUPN":"ada.lovelace@example.com"}""";

    /** A clock error: 1999. */
    public static final String LAST_CENTURY = """
            {"CreationTime":"1999-12-31T23:59:59","Id":"e1d2c3b4-a5f6-4e7d-8c9b-0a1f2e3d4c5b","Operation":"Retrieve","RecordType":21,"ResultStatus":"Success","UserType":0,"Workload":"CRM","UserId":"ada.lovelace@example.com","EntityName":"account","Message":"Retrieve"}""";

    /** Activity Logging's records of no entity name nobody: UserId Unknown. */
    public static final String UNKNOWN_USER = """
            {"CreationTime":"2025-10-01T09:06:00","Id":"f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f","Operation":"RetrieveMultiple","RecordType":21,"ResultStatus":"Success","UserType":0,"Workload":"CRM","UserId":"Unknown","EntityId":"00000000-0000-0000-0000-000000000000","EntityName":"Unknown","Message":"RetrieveMultiple"}""";

    /** Every Dynamics record above that becomes an event, in order. */
    public static final List<String> EVENTS = List.of(VIEW_ACCOUNT, ACCOUNT_GRID, QUICK_FIND_CONTACTS, CREATE_OPPORTUNITY_ON_PHONE,
            APPLICATION_USER_UPDATES_CASE, FLOW_ASSIGNS_LEAD, SYSTEM_SETS_CASE_STATE, SDK_READS_ACCOUNTS,
            EXPORT_OPPORTUNITIES, FAILED_DELETE, READ_KNOWLEDGE_ARTICLE, VIEW_CONTACT_WITHOUT_ID);

    private AuditRecords() {}

    /** The records as JSON lines. */
    static String jsonLines(List<String> records) {
        return String.join("\n", records) + "\n";
    }

    /** The records as the Management Activity API's content: one JSON array. */
    static String contentBlob(List<String> records) {
        return "[" + String.join(",", records) + "]";
    }

    /** A CSV field holding the text, quoted, its quotes doubled. */
    static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
