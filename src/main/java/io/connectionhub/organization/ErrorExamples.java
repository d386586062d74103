package io.connectionhub.organization;

/** LoginRadius error bodies for the OpenAPI document, with the seed's texts where it has them. */
final class ErrorExamples {

    static final String E6002 = "{\"Description\":\"The API key or API secret is invalid\",\"ErrorCode\":6002,"
            + "\"Message\":\"Access Unauthorized\"}";
    static final String E7900_TYPE = "{\"Description\":\"The ConnectionType is invalid. Please enter a valid "
            + "ConnectionType.\",\"ErrorCode\":7900,\"Message\":\"A parameter is not formatted correctly.\"}";
    static final String E7900_CERTIFICATE = "{\"Description\":\"The IDPCertificate is invalid: not a PEM or base64 DER "
            + "X.509 certificate: the content is not valid base64.\",\"ErrorCode\":7900,"
            + "\"Message\":\"A parameter is not formatted correctly.\"}";
    static final String E7900_NAME = "{\"Description\":\"The Name is invalid: a value is required.\",\"ErrorCode\":7900,"
            + "\"Message\":\"A parameter is not formatted correctly.\"}";
    static final String E7900_DOMAIN = "{\"Description\":\"The DomainName is invalid: gmail.com is a consumer mail domain "
            + "(anyone can have an address there); use the organization's own domain.\",\"ErrorCode\":7900,"
            + "\"Message\":\"A parameter is not formatted correctly.\"}";
    static final String E7900_DOMAIN_IN_USE = "{\"Description\":\"The domain example.com is used by the connection "
            + "acme-azure (conn_Z5ZtmHl2aMpi5VZP); delete that connection or move it to another domain first.\","
            + "\"ErrorCode\":7900,\"Message\":\"A parameter is not formatted correctly.\"}";
    static final String E7909 = "{\"Message\":\"Operation failed due to an internal error.\",\"Description\":\"An unknown "
            + "internal error occurred, please try again in a few minutes or contact your system administrator.\","
            + "\"ErrorCode\":7909}";
    static final String E8118 = "{\"Description\":\"The organization does not exist.\",\"ErrorCode\":8118,"
            + "\"Message\":\"Organization not found\"}";
    static final String E8148 = "{\"Description\":\"Connection exists with the same name. Use a different Connection "
            + "name.\",\"ErrorCode\":8148,\"Message\":\"Connection exists with the same name\"}";
    static final String E8150 = "{\"Description\":\"The provided domain is not associated with the organization. Please "
            + "use a different organization domain.\",\"ErrorCode\":8150,\"Message\":\"Domain does not exist within the "
            + "organization\"}";
    static final String E8151 = "{\"Description\":\"The connection does not exist within the organization.\","
            + "\"ErrorCode\":8151,\"Message\":\"Connection ID is invalid\"}";
    static final String E8166 = "{\"Description\":\"The connection is already deleted or being deleted.\","
            + "\"ErrorCode\":8166,\"Message\":\"Status already updated\"}";
    static final String E8168 = "{\"Description\":\"No TXT record found at _connectionhub-challenge.example.com. Publish "
            + "one with the value connectionhub-verification=9fQ2... and verify again.\",\"ErrorCode\":8168,"
            + "\"Message\":\"Failed to fetch Domain TXT record\"}";
    static final String E8177 = "{\"Description\":\"Organization domain is not verified, Please verify the domain.\","
            + "\"ErrorCode\":8177,\"Message\":\"Organization domain is not verified\"}";
    static final String E8180 = "{\"Description\":\"The organization is not active; activate it (PUT .../status "
            + "{\\\"IsActive\\\": true}) before changing its domains or connections.\",\"ErrorCode\":8180,"
            + "\"Message\":\"Organization is not active\"}";

    private ErrorExamples() {
    }
}
