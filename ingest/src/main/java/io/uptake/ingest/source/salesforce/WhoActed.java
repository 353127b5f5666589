package io.uptake.ingest.source.salesforce;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who acted in a Salesforce login (DATA.md 1.1, "Who acted"): a person in a browser ({@code web}), a
 * person in a mobile app ({@code mobile}), a program ({@code api}) or Salesforce itself
 * ({@code automation}). The codes are those of the Object Reference, "EventLogFile supported event
 * types", Login: real files carry the one-letter {@code LOGIN_TYPE} codes, LoginHistory and older files
 * their names. Anything not clearly a person at a screen is not counted as one.
 */
public final class WhoActed {

    public static final String WEB = "web";
    public static final String MOBILE = "mobile";
    public static final String API = "api";
    public static final String AUTOMATION = "automation";

    /**
     * {@code LOGIN_TYPE} codes and the LoginHistory names of the same logins, by who acts. A person signs
     * in at a screen: Application, SSO and portal logins. A program signs in through the API or OAuth.
     */
    private static final Map<String, String> LOGIN_TYPES = Map.ofEntries(
            // a person at a login page or an identity provider's
            Map.entry("A", WEB), Map.entry("Application", WEB),
            Map.entry("s", WEB), Map.entry("Certificate-based login", WEB),
            Map.entry("k", WEB), Map.entry("Chatter Communities External User", WEB),
            Map.entry("n", WEB), Map.entry("Chatter Communities External User Third Party SSO", WEB),
            Map.entry("r", WEB), Map.entry("Employee Login to Community", WEB),
            Map.entry("z", WEB), Map.entry("Lightning Login", WEB),
            Map.entry("w", WEB), Map.entry("Passwordless Login", WEB),
            Map.entry("3", WEB), Map.entry("Customer Service Portal", WEB),
            Map.entry("q", WEB), Map.entry("Partner Portal Third-Party SSO", WEB),
            Map.entry("9", WEB), Map.entry("Partner Portal", WEB),
            Map.entry("5", WEB), Map.entry("SAML Idp Initiated SSO", WEB),
            Map.entry("m", WEB), Map.entry("SAML Chatter Communities External User SSO", WEB),
            Map.entry("b", WEB), Map.entry("SAML Customer Service Portal SSO", WEB),
            Map.entry("c", WEB), Map.entry("SAML Partner Portal SSO", WEB),
            Map.entry("h", WEB), Map.entry("SAML Site SSO", WEB),
            Map.entry("8", WEB), Map.entry("SAML Sfdc Initiated SSO", WEB),
            Map.entry("E", WEB), Map.entry("SelfService", WEB),
            Map.entry("j", WEB), Map.entry("Third Party SSO", WEB),
            // a program: the API, OAuth clients, partner tools
            Map.entry("7", API), Map.entry("AppExchange", API),
            Map.entry("l", API), Map.entry("Networks Portal API Only", API),
            Map.entry("6", API), Map.entry("Remote Access Client", API),
            Map.entry("i", API), Map.entry("Remote Access 2.0", API),
            Map.entry("I", API), Map.entry("Other Apex API", API),
            Map.entry("R", API), Map.entry("Partner Product", API),
            // Salesforce's own
            Map.entry("x", AUTOMATION), Map.entry("Cross Tenant Login", AUTOMATION),
            // LoginHistory's API names of the same login types, as data exports may write them
            Map.entry("Certificate", WEB), Map.entry("ChatterCommunityPortalUnPwd", WEB),
            Map.entry("ChatterCommunityThirdPartySso", WEB), Map.entry("EmployeeLoginToCommunity", WEB),
            Map.entry("LightningLogin", WEB), Map.entry("PasswordlessLogin", WEB), Map.entry("PasswordlessPasskeyLogin", WEB),
            Map.entry("Passwordless Login via Passkeys", WEB), Map.entry("Portal", WEB), Map.entry("PortalThirdPartySso", WEB),
            Map.entry("Customer Service Portal Third-Party SSO", WEB), Map.entry("PrmPortal", WEB),
            Map.entry("PrmPortalThirdPartySso", WEB), Map.entry("Saml", WEB), Map.entry("Saml2", WEB),
            Map.entry("SamlChatterNetworks", WEB), Map.entry("SamlCspPortal", WEB), Map.entry("SamlPrmPortal", WEB),
            Map.entry("SamlSite", WEB), Map.entry("ThirdPartySso", WEB),
            Map.entry("HelpAndTraining", WEB), Map.entry("Help And Training", WEB),
            Map.entry("NetworksPortalApiOnly", API), Map.entry("Oauth", API), Map.entry("Oauth2", API),
            Map.entry("OtherApi", API), Map.entry("Partner", API), Map.entry("IeOfflineClient", API),
            Map.entry("Offline Client", API), Map.entry("CrossTenantLogin", AUTOMATION));

    /**
     * {@code LOGIN_SUB_TYPE} (lower-case in ELF, names in LoginHistory) of a program's OAuth flow: a
     * password, refresh-token or client-credential grant at the token endpoint, with no person at a page.
     */
    private static final Set<String> PROGRAM_SUB_TYPES = Set.of(
            "oauthpassword", "oauthusernamepassword", "oauthrefreshtoken", "oauthhybridrefreshtoken",
            "oauthrefreshtokenforhybridapps", "oauthclientcredentialsflow",
            "oauthclientcredential", "oauthclientcredentials", "oauthtokenexchange", "oauthhybridtokenexchange",
            "soapapilogin");

    /** User agents of programs: HTTP libraries, data loaders, DevOps and integration tools. */
    private static final List<String> PROGRAM_AGENTS = List.of(
            "go-http-client", "python-requests", "python-urllib", "java/", "jax-ws", "apache-httpclient", "okhttp",
            "curl/", "wget/", "axios/", "node-fetch", "postmanruntime", "gearset", "copado", "dataloader", "data loader",
            "sfdx", "salesforce cli", "workbench", "jitterbit", "mulesoft", "informatica", "boomi", "simple-salesforce",
            "jsforce", "restsharp", "powershell", "libwww", "httpie", "insomnia");

    /** User agents and platforms of Salesforce's mobile apps. */
    private static final List<String> MOBILE_AGENTS = List.of(
            "salesforcemobilesdk", "salesforce1", "salesforcetouchcontainer", "salesforce mobile", "sfdc mobile",
            "iphone", "ipad", "android");

    private static final String TOKEN_ENDPOINT = "/services/oauth2/token";

    private WhoActed() {}

    /**
     * Who signed in, from a login's fields (ELF Login or a LoginHistory row). Any field may be empty.
     *
     * @param loginType {@code LOGIN_TYPE} code or LoginHistory name
     * @param subType   {@code LOGIN_SUB_TYPE}
     * @param apiType   {@code API_TYPE}: set for SOAP API logins
     * @param uri       the login's URI
     * @param agent     {@code BROWSER_TYPE}, the user agent
     */
    public static String login(String loginType, String subType, String apiType, String uri, String agent) {
        // LoginHistory writes its labels ("OAuth Username-Password"), ELF the codes ("oauthpassword"); "N/A"
        // is LoginHistory's API type of a browser login.
        subType = subType.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        apiType = apiType.equalsIgnoreCase("N/A") ? "" : apiType;
        if (!apiType.isEmpty() || uri.toLowerCase(Locale.ROOT).startsWith(TOKEN_ENDPOINT)
                || PROGRAM_SUB_TYPES.contains(subType)
                || isProgramAgent(agent)) {
            return API;
        }
        String byType = LOGIN_TYPES.get(loginType);
        boolean oauth = subType.startsWith("oauth");
        if (isMobileAgent(agent) && (byType == null || !byType.equals(AUTOMATION))) {
            // The mobile apps sign in through OAuth (Remote Access 2.0): their user agent tells them apart.
            return MOBILE;
        }
        if (oauth) {
            // An OAuth flow without a mobile app's agent: a connected app signing in for someone.
            return API;
        }
        if (byType == null) {
            // Older files have no LOGIN_TYPE: a browser's agent says a person; an unlisted type is no person.
            return loginType.isEmpty() && isBrowserAgent(agent) ? WEB : API;
        }
        return byType;
    }

    /** True for the user agent of an HTTP library or an integration tool. */
    public static boolean isProgramAgent(String agent) {
        String lower = agent.toLowerCase(Locale.ROOT);
        return !lower.isEmpty() && PROGRAM_AGENTS.stream().anyMatch(lower::contains);
    }

    /** True for a browser's user agent: every current browser's starts with {@code Mozilla/}. */
    public static boolean isBrowserAgent(String agent) {
        return agent.toLowerCase(Locale.ROOT).contains("mozilla/") && !isProgramAgent(agent);
    }

    /** True for the user agent of a Salesforce mobile app or a phone or tablet browser. */
    public static boolean isMobileAgent(String agent) {
        String lower = agent.toLowerCase(Locale.ROOT);
        return !lower.isEmpty() && MOBILE_AGENTS.stream().anyMatch(lower::contains);
    }

    /**
     * True for a guest or site user ({@code USER_TYPE} Guest, its letter code {@code G} on the types that use
     * letters, or the composite {@code Guest(db=G,...)} of real files): no licensed person.
     */
    public static boolean isGuest(String userType) {
        String type = userType.strip();
        int paren = type.indexOf('(');
        String name = paren < 0 ? type : type.substring(0, paren);
        return name.equalsIgnoreCase("Guest") || name.equals("G");
    }
}
