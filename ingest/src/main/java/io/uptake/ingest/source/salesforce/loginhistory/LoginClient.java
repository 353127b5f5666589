package io.uptake.ingest.source.salesforce.loginhistory;

import io.uptake.ingest.source.salesforce.WhoActed;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who signed in, for a LoginHistory row: {@link WhoActed#login} (the rules every Salesforce login
 * follows), given what LoginHistory says in place of a user agent (its Application, Browser and
 * Platform), after the few LoginHistory values WhoActed does not read are put in words it does.
 */
final class LoginClient {

    /**
     * LoginType as WhoActed knows it: the API names of the picklist (what {@code sf data query} and some
     * exports write) become their labels (Object Reference, LoginHistory.LoginType), and the labels
     * WhoActed lacks become the label of the login they are a kind of.
     */
    private static final Map<String, String> LOGIN_TYPES = Map.ofEntries(
            Map.entry("Certificate", "Certificate-based login"),
            Map.entry("ChatterCommunityPortalUnPwd", "Chatter Communities External User"),
            Map.entry("ChatterCommunityThirdPartySso", "Chatter Communities External User Third Party SSO"),
            Map.entry("CrossTenantLogin", "Cross Tenant Login"),
            Map.entry("EmployeeLoginToCommunity", "Employee Login to Community"),
            Map.entry("LightningLogin", "Lightning Login"),
            Map.entry("NetworksPortalApiOnly", "Networks Portal API Only"),
            Map.entry("Oauth", "Remote Access Client"),
            Map.entry("Oauth2", "Remote Access 2.0"),
            Map.entry("OtherApi", "Other Apex API"),
            Map.entry("Partner", "Partner Product"),
            Map.entry("PasswordlessLogin", "Passwordless Login"),
            Map.entry("Portal", "Customer Service Portal"),
            Map.entry("PrmPortal", "Partner Portal"),
            Map.entry("PrmPortalThirdPartySso", "Partner Portal Third-Party SSO"),
            Map.entry("Saml", "SAML Idp Initiated SSO"),
            Map.entry("Saml2", "SAML Sfdc Initiated SSO"),
            Map.entry("SamlChatterNetworks", "SAML Chatter Communities External User SSO"),
            Map.entry("SamlCspPortal", "SAML Customer Service Portal SSO"),
            Map.entry("SamlPrmPortal", "SAML Partner Portal SSO"),
            Map.entry("SamlSite", "SAML Site SSO"),
            Map.entry("ThirdPartySso", "Third Party SSO"),
            // A person at a login page, by a passkey or a third-party identity provider.
            Map.entry("PasswordlessPasskeyLogin", "Passwordless Login"),
            Map.entry("Passwordless Login via Passkeys (beta)", "Passwordless Login"),
            Map.entry("Passwordless Login via Passkeys", "Passwordless Login"),
            Map.entry("PortalThirdPartySso", "Third Party SSO"),
            Map.entry("Customer Service Portal Third-Party SSO", "Third Party SSO"));

    /**
     * LoginSubType labels (what the Setup download writes) as the picklist's API names, which WhoActed
     * reads (Object Reference, LoginHistory.LoginSubType).
     */
    private static final Map<String, String> SUB_TYPES = Map.ofEntries(
            Map.entry("Internal Salesforce Authentication", "InternalSalesforceAuthentication"),
            Map.entry("OAuth Client Credentials", "OauthClientCredentials"),
            Map.entry("OAuth Refresh Token for Hybrid Apps", "OauthHybridRefreshToken"),
            Map.entry("OAuth Token Exchange for Hybrid Apps", "OauthHybridTokenExchange"),
            Map.entry("OAuth User-Agent for Hybrid Apps", "OauthHybridUserAgent"),
            Map.entry("OAuth Web Server for Hybrid Apps", "OauthHybridWebServer"),
            Map.entry("OAuth OTP Login", "OauthOtpLogin"),
            Map.entry("OAuth Refresh Token", "OauthRefreshToken"),
            Map.entry("OAuth Token Exchange", "OauthTokenExchange"),
            Map.entry("OAuth User-Agent", "OauthUserAgent"),
            Map.entry("OAuth User-Agent with ID Token", "OauthUserAgentIdToken"),
            Map.entry("OAuth Username-Password", "OauthUsernamePassword"),
            Map.entry("OAuth Web Server", "OauthWebServer"),
            Map.entry("SOAP API", "SoapApiLogin"),
            Map.entry("SOAP API (Mobile)", "SoapApiLoginMobile"),
            Map.entry("SOAP API (Networks Portal)", "SoapApiLoginNetworksPortal"),
            Map.entry("SOAP API (Portal)", "SoapApiLoginPortal"),
            Map.entry("SOAP API (Self-Service)", "SoapApiLoginSelfService"),
            Map.entry("UI Password Reset", "UiPasswordReset"),
            Map.entry("UI Username-Password", "UsernamePasswordUiLogin"));

    /**
     * Application names of Salesforce's own mobile apps. Their names cannot be WhoActed's agent: it reads
     * "Salesforce" as a program (its program word "sforce" is inside it), so the app is given to it as
     * "SFDC Mobile", its own word for a Salesforce mobile app.
     */
    private static final Set<String> MOBILE_APPLICATIONS = Set.of(
            "salesforce for ios", "salesforce for android", "salesforce mobile");
    static final String MOBILE_APP_AGENT = "SFDC Mobile";

    /** Application names of programs that WhoActed's agent words miss ("Data Loader" is "dataloader" to it). */
    private static final List<String> PROGRAM_APPLICATIONS = List.of(
            "data loader", "dataloader", "workbench", "salesforce cli", "sfdx");

    /** What LoginHistory writes where a field does not apply: Browser and Platform "Unknown", API Type "N/A". */
    private static final Set<String> NOT_APPLICABLE = Set.of("", "n/a", "na", "unknown", "none");

    private static final String SERVICES_PATH = "/services/";

    private LoginClient() {}

    /** The LoginType as WhoActed and {@code source_event_type} name it. */
    static String loginType(String loginType) {
        return LOGIN_TYPES.getOrDefault(loginType, loginType);
    }

    /** {@code web}, {@code mobile}, {@code api} or {@code automation}, from a LoginHistory row's fields. */
    static String of(String loginType, String subType, String apiType, String loginUrl,
                     String application, String browser, String platform) {
        String app = known(application);
        String lowerApp = app.toLowerCase(Locale.ROOT);
        if (PROGRAM_APPLICATIONS.stream().anyMatch(lowerApp::contains)) {
            return WhoActed.API;
        }
        String agent = MOBILE_APPLICATIONS.contains(lowerApp) ? MOBILE_APP_AGENT
                : String.join(" ", app, known(browser), known(platform)).strip();
        String sub = subType.strip();
        return WhoActed.login(loginType(loginType.strip()), SUB_TYPES.getOrDefault(sub, sub), known(apiType),
                path(loginUrl), agent);
    }

    private static String known(String value) {
        String stripped = value.strip();
        return NOT_APPLICABLE.contains(stripped.toLowerCase(Locale.ROOT)) ? "" : stripped;
    }

    /** The path of a login URL, such as {@code /services/oauth2/token}; LoginHistory mostly gives only the host. */
    private static String path(String loginUrl) {
        int at = loginUrl.indexOf(SERVICES_PATH);
        return at < 0 ? "" : loginUrl.substring(at);
    }
}
