package io.uptake.sampledata;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Headers of the Salesforce EventLogFile types the sample writes, as Event Monitoring exports them. */
final class EventLogFileTypes {

    record Type(String name, List<String> header, Map<String, Integer> index) {
        String[] newRow() {
            String[] row = new String[header.size()];
            java.util.Arrays.fill(row, "");
            row[index.get("EVENT_TYPE")] = name;
            return row;
        }

        /** Sets a column if this type has it; types differ in their columns, as real exports do. */
        void set(String[] row, String column, String value) {
            Integer i = index.get(column);
            if (i != null) {
                row[i] = value;
            }
        }
    }

    static final Map<String, Type> TYPES = new LinkedHashMap<>();

    private static final String COMMON = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID";
    private static final String DERIVED = "TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP";
    /** The server-side types carry no client address. */
    private static final String DERIVED_NO_IP = "TIMESTAMP_DERIVED,USER_ID_DERIVED";
    private static final String REQUEST = ",RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,USER_TYPE,REQUEST_STATUS,DB_TOTAL_TIME,";

    static {
        add("Login", COMMON + ",RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,USER_TYPE,REQUEST_STATUS,DB_TOTAL_TIME,"
                + "LOGIN_TYPE,LOGIN_SUB_TYPE,BROWSER_TYPE,API_TYPE,API_VERSION,USER_NAME,TLS_PROTOCOL,CIPHER_SUITE,"
                + "AUTHENTICATION_METHOD_REFERENCE,LOGIN_STATUS,SOURCE_IP,PLATFORM_TYPE," + DERIVED + ",URI_ID_DERIVED");
        add("Logout", COMMON + ",SESSION_KEY,LOGIN_KEY,SESSION_LEVEL,USER_TYPE,USER_INITIATED_LOGOUT,SESSION_TYPE,"
                + "APP_TYPE,BROWSER_TYPE,CLIENT_VERSION,PLATFORM_TYPE,RESOLUTION_TYPE," + DERIVED);
        add("LightningPageView", COMMON + ",SESSION_KEY,LOGIN_KEY,USER_TYPE,APP_NAME,DEVICE_PLATFORM,SDK_APP_VERSION,"
                + "OS_NAME,OS_VERSION,BROWSER_NAME,BROWSER_VERSION,PAGE_START_TIME,DURATION,EFFECTIVE_PAGE_TIME,"
                + "PAGE_ENTITY_ID,PAGE_ENTITY_TYPE,PAGE_URL,PAGE_CONTEXT,PAGE_APP_NAME,PREVPAGE_ENTITY_TYPE," + DERIVED);
        add("LightningInteraction", COMMON + ",SESSION_KEY,LOGIN_KEY,USER_TYPE,APP_NAME,DEVICE_PLATFORM,UI_EVENT_ID,"
                + "UI_EVENT_TYPE,UI_EVENT_SOURCE,UI_EVENT_SEQUENCE_NUM,PAGE_START_TIME,DURATION,RECORD_ID,"
                + "PAGE_ENTITY_TYPE,PAGE_CONTEXT,TARGET_UI_ELEMENT," + DERIVED);
        add("LightningError", COMMON + ",SESSION_KEY,LOGIN_KEY,USER_TYPE,APP_NAME,DEVICE_PLATFORM,PAGE_URL,"
                + "PAGE_ENTITY_TYPE,MESSAGE,COMPONENT_NAME,OS_NAME,BROWSER_NAME," + DERIVED);
        add("URI", COMMON + ",RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,USER_TYPE,REQUEST_STATUS,DB_TOTAL_TIME,"
                + "DB_BLOCKS,DB_CPU_TIME,REFERRER_URI," + DERIVED + ",URI_ID_DERIVED");
        add("API", COMMON + ",RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,USER_TYPE,REQUEST_STATUS,DB_TOTAL_TIME,"
                + "API_TYPE,API_VERSION,CLIENT_NAME,METHOD_NAME,ENTITY_NAME,ROWS_PROCESSED,REQUEST_SIZE,RESPONSE_SIZE,"
                + DERIVED);
        add("RestApi", COMMON + ",RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,USER_TYPE,REQUEST_STATUS,DB_TOTAL_TIME,"
                + "METHOD,MEDIA_TYPE,STATUS_CODE,USER_AGENT,ROWS_PROCESSED,REQUEST_SIZE,RESPONSE_SIZE,ENTITY_NAME,"
                + DERIVED);
        add("Report", COMMON + ",RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,USER_TYPE,REQUEST_STATUS,DB_TOTAL_TIME,"
                + "ENTITY_NAME,DISPLAY_TYPE,RENDERING_TYPE,REPORT_ID,ROW_COUNT,NUMBER_EXCEPTION_FILTERS,NUMBER_COLUMNS,"
                + "AVERAGE_ROW_SIZE,SORT,DB_BLOCKS,DB_CPU_TIME,NUMBER_BUCKETS,ORIGIN," + DERIVED + ",URI_ID_DERIVED");
        add("ReportExport", COMMON + ",URI,REPORT_DESCRIPTION,CLIENT_INFO,REPORT_ID," + DERIVED + ",URI_ID_DERIVED");
        add("Dashboard", COMMON + ",RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,USER_TYPE,REQUEST_STATUS,DB_TOTAL_TIME,"
                + "DASHBOARD_ID,DASHBOARD_COMPONENT_ID,DASHBOARD_TYPE,IS_SCHEDULED,IS_SUCCESS,IS_MOBILE,VIEWING_USER_ID,"
                + DERIVED);
        add("Search", COMMON + ",RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,USER_TYPE,REQUEST_STATUS,DB_TOTAL_TIME,"
                + "SEARCH_QUERY,QUERY_ID,NUMBER_RESULTS," + DERIVED);
        add("KnowledgeArticleView", COMMON + ",RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,USER_TYPE,REQUEST_STATUS,"
                + "DB_TOTAL_TIME,ARTICLE_ID,ARTICLE_VERSION_ID,ARTICLE_STATUS,LANGUAGE,CONTEXT," + DERIVED);
        // CRM Analytics: a person working in an analytics app.
        add("WaveChange", COMMON + ",ANALYTICS_MODE,IS_MOBILE,IS_NEW,PAGE_CONTEXT,VIEW_MODE,TYPE,WAVE_SESSION_ID,"
                + "WAVE_TIMESTAMP," + DERIVED_NO_IP);
        add("WaveInteraction", COMMON + ",NUM_CLICKS,NUM_SESSIONS,READ_TIME,TOTAL_TIME,TYPE,VIEW_MODE,WAVE_SESSION_ID,"
                + DERIVED_NO_IP);
        // Server-side work: Salesforce running triggers, jobs, flows, workflow and schedules, under the id of
        // the user whose save or schedule started it, or of the Automated Process user.
        add("AsyncReportRun", COMMON + REQUEST + "ENTITY_NAME,DISPLAY_TYPE,RENDERING_TYPE,REPORT_ID,ROW_COUNT,"
                + "NUMBER_EXCEPTION_FILTERS,NUMBER_COLUMNS,AVERAGE_ROW_SIZE,SORT,DB_BLOCKS,DB_CPU_TIME,NUMBER_BUCKETS,ORIGIN,"
                + "DASHBOARD_ID," + DERIVED + ",URI_ID_DERIVED");
        add("ApexTrigger", COMMON + REQUEST + "ENTITY_NAME,TRIGGER_ID,TRIGGER_NAME,TRIGGER_TYPE,EXEC_TIME," + DERIVED);
        add("ApexCallout", COMMON + ",RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,TYPE,METHOD,STATUS_CODE,SUCCESS,TIME,"
                + "REQUEST_SIZE,RESPONSE_SIZE,URL," + DERIVED);
        add("QueuedExecution", COMMON + REQUEST + "ENTRY_POINT,JOB_ID," + DERIVED);
        add("ApexExecution", COMMON + ",RUN_TIME,CPU_TIME,EXEC_TIME,CALLOUT_TIME,ENTRY_POINT,IS_LONG_RUNNING_REQUEST,"
                + "NUMBER_SOQL_QUERIES,QUIDDITY,URI," + DERIVED_NO_IP);
        add("TimeBasedWorkflow", COMMON + ",TYPE,ENTITY_NAME,RECORD_ID,NAME,ACTIONS,NUMBER_OF_RECORDS,LOG_GROUP_ID,"
                + DERIVED_NO_IP);
        add("FlowExecution", COMMON + ",FLOW_VERSION_ID,FLOW_LOAD_TIME,PROCESS_TYPE,TOTAL_EXECUTION_TIME,"
                + "NUMBER_OF_INTERVIEWS,NUMBER_OF_ERRORS," + DERIVED_NO_IP);
    }

    private static void add(String name, String header) {
        List<String> columns = List.of(header.split(","));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
        // A HashMap, not Map.copyOf: the lookups of columns a type lacks are many, and its misses are cheap.
        TYPES.put(name, new Type(name, columns, java.util.Collections.unmodifiableMap(index)));
    }

    static Type type(String name) {
        return TYPES.get(name);
    }

    private EventLogFileTypes() {}
}
