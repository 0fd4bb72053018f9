<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Api</name>
    <message>
        <location filename="../server/app/ServerApp.cpp" line="97" />
        <source>A user with this email already exists</source>
        <translation>A user with this email already exists</translation>
    </message>
    <message>
        <location filename="../server/domain/AuthService.cpp" line="70" />
        <location filename="../server/domain/AuthService.cpp" line="74" />
        <source>The access token is invalid or expired</source>
        <translation>The access token is invalid or expired</translation>
    </message>
    <message>
        <location filename="../server/domain/AuthService.cpp" line="83" />
        <source>The session has ended, sign in again</source>
        <translation>The session has ended, sign in again</translation>
    </message>
    <message>
        <location filename="../server/domain/AuthService.cpp" line="86" />
        <source>This account is not active</source>
        <translation>This account is not active</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="13" />
        <source>Authentication is required</source>
        <translation>Authentication is required</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="18" />
        <source>You do not have permission to do this</source>
        <translation>You do not have permission to do this</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="23" />
        <source>The resource was not found</source>
        <translation>The resource was not found</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="28" />
        <source>This method is not allowed here</source>
        <translation>This method is not allowed here</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="38" />
        <source>The request body is too large</source>
        <translation>The request body is too large</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="44" />
        <source>The data sent is not valid</source>
        <translation>The data sent is not valid</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="56" />
        <source>Too many requests, try again later</source>
        <translation>Too many requests, try again later</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="63" />
        <source>An internal error occurred</source>
        <translation>An internal error occurred</translation>
    </message>
    <message>
        <location filename="../server/http/HttpRouter.cpp" line="243" />
        <source>The body must be JSON (Content-Type: application/json)</source>
        <translation>The body must be JSON (Content-Type: application/json)</translation>
    </message>
    <message>
        <location filename="../server/http/HttpRouter.cpp" line="247" />
        <source>The body is not valid JSON</source>
        <translation>The body is not valid JSON</translation>
    </message>
    <message>
        <location filename="../server/http/HttpRouter.cpp" line="249" />
        <source>The body must be a JSON object</source>
        <translation>The body must be a JSON object</translation>
    </message>
    <message>
        <location filename="../server/http/HttpRouter.cpp" line="280" />
        <source>The database is not available</source>
        <translation>The database is not available</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="12" />
        <location filename="../server/http/Validator.cpp" line="44" />
        <source>This field is required</source>
        <translation>This field is required</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="39" />
        <location filename="../server/http/Validator.cpp" line="109" />
        <source>Must be a text</source>
        <translation>Must be a text</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="48" />
        <location filename="../server/http/Validator.cpp" line="118" />
        <source>Must be at most %1 characters</source>
        <translation>Must be at most %1 characters</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="52" />
        <location filename="../server/http/Validator.cpp" line="114" />
        <source>Must be at least %1 characters</source>
        <translation>Must be at least %1 characters</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="70" />
        <source>Must be a valid email address</source>
        <translation>Must be a valid email address</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="82" />
        <source>Must be one of: %1</source>
        <translation>Must be one of: %1</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="97" />
        <source>Must be a phone number in international format, e.g. +573001234567</source>
        <translation>Must be a phone number in international format, e.g. +573001234567</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="131" />
        <source>Must be a whole number</source>
        <translation>Must be a whole number</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="136" />
        <source>Must be between %1 and %2</source>
        <translation>Must be between %1 and %2</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="149" />
        <source>Must be true or false</source>
        <translation>Must be true or false</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="161" />
        <source>Must be an object</source>
        <translation>Must be an object</translation>
    </message>
</context>
</TS>
