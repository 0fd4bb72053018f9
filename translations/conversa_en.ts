<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Api</name>
    <message>
        <source>A user with this email already exists</source>
        <translation>A user with this email already exists</translation>
    </message>
    <message>
        <source>The access token is invalid or expired</source>
        <translation>The access token is invalid or expired</translation>
    </message>
    <message>
        <source>The session has ended, sign in again</source>
        <translation>The session has ended, sign in again</translation>
    </message>
    <message>
        <source>This account is not active</source>
        <translation>This account is not active</translation>
    </message>
    <message>
        <source>Authentication is required</source>
        <translation>Authentication is required</translation>
    </message>
    <message>
        <source>You do not have permission to do this</source>
        <translation>You do not have permission to do this</translation>
    </message>
    <message>
        <source>The resource was not found</source>
        <translation>The resource was not found</translation>
    </message>
    <message>
        <source>This method is not allowed here</source>
        <translation>This method is not allowed here</translation>
    </message>
    <message>
        <source>The request body is too large</source>
        <translation>The request body is too large</translation>
    </message>
    <message>
        <source>The data sent is not valid</source>
        <translation>The data sent is not valid</translation>
    </message>
    <message>
        <source>Too many requests, try again later</source>
        <translation>Too many requests, try again later</translation>
    </message>
    <message>
        <source>An internal error occurred</source>
        <translation>An internal error occurred</translation>
    </message>
    <message>
        <source>The body must be JSON (Content-Type: application/json)</source>
        <translation>The body must be JSON (Content-Type: application/json)</translation>
    </message>
    <message>
        <source>The body is not valid JSON</source>
        <translation>The body is not valid JSON</translation>
    </message>
    <message>
        <source>The body must be a JSON object</source>
        <translation>The body must be a JSON object</translation>
    </message>
    <message>
        <source>The database is not available</source>
        <translation>The database is not available</translation>
    </message>
    <message>
        <source>This field is required</source>
        <translation>This field is required</translation>
    </message>
    <message>
        <source>Must be a text</source>
        <translation>Must be a text</translation>
    </message>
    <message>
        <source>Must be at most %1 characters</source>
        <translation>Must be at most %1 characters</translation>
    </message>
    <message>
        <source>Must be at least %1 characters</source>
        <translation>Must be at least %1 characters</translation>
    </message>
    <message>
        <source>Must be a valid email address</source>
        <translation>Must be a valid email address</translation>
    </message>
    <message>
        <source>Must be one of: %1</source>
        <translation>Must be one of: %1</translation>
    </message>
    <message>
        <source>Must be a phone number in international format, e.g. +573001234567</source>
        <translation>Must be a phone number in international format, e.g. +573001234567</translation>
    </message>
    <message>
        <source>Must be a whole number</source>
        <translation>Must be a whole number</translation>
    </message>
    <message>
        <source>Must be between %1 and %2</source>
        <translation>Must be between %1 and %2</translation>
    </message>
    <message>
        <source>Must be true or false</source>
        <translation>Must be true or false</translation>
    </message>
    <message>
        <source>Must be an object</source>
        <translation>Must be an object</translation>
    </message>
    <message>
        <source>Must be a positive whole number</source>
        <translation>Must be a positive whole number</translation>
    </message>
    <message>
        <source>Must be a date (YYYY-MM-DD) or an ISO 8601 date and time</source>
        <translation>Must be a date (YYYY-MM-DD) or an ISO 8601 date and time</translation>
    </message>
    <message>
        <source>Must not be earlier than from_date</source>
        <translation>Must not be earlier than from_date</translation>
    </message>
    <message>
        <source>The email or password is incorrect</source>
        <translation>The email or password is incorrect</translation>
    </message>
    <message>
        <source>The new password must be different from the current one</source>
        <translation>The new password must be different from the current one</translation>
    </message>
    <message>
        <source>The current password is incorrect</source>
        <translation>The current password is incorrect</translation>
    </message>
    <message>
        <source>The verification step is invalid or expired, sign in again</source>
        <translation>The verification step is invalid or expired, sign in again</translation>
    </message>
    <message>
        <source>The code is not valid</source>
        <translation>The code is not valid</translation>
    </message>
    <message>
        <source>Two-factor authentication is not enabled</source>
        <translation>Two-factor authentication is not enabled</translation>
    </message>
    <message>
        <source>The password is incorrect</source>
        <translation>The password is incorrect</translation>
    </message>
    <message>
        <source>Must be an http or https URL</source>
        <translation>Must be an http or https URL</translation>
    </message>
    <message>
        <source>Must be an existing role</source>
        <translation>Must be an existing role</translation>
    </message>
    <message>
        <source>The last active administrator cannot be demoted, deactivated or deleted</source>
        <translation>The last active administrator cannot be demoted, deactivated or deleted</translation>
    </message>
    <message>
        <source>You cannot delete your own user</source>
        <translation>You cannot delete your own user</translation>
    </message>
    <message>
        <source>The refresh token is invalid or expired</source>
        <translation>The refresh token is invalid or expired</translation>
    </message>
    <message>
        <source>The refresh token was already used; sign in again</source>
        <translation>The refresh token was already used; sign in again</translation>
    </message>
    <message>
        <source>Two-factor authentication is already enabled</source>
        <translation>Two-factor authentication is already enabled</translation>
    </message>
    <message>
        <source>There is no two-factor setup to confirm; call /auth/2fa/enable first</source>
        <translation>There is no two-factor setup to confirm; call /auth/2fa/enable first</translation>
    </message>
    <message>
        <source>Signed out successfully</source>
        <translation>Signed out successfully</translation>
    </message>
    <message>
        <source>Password updated successfully</source>
        <translation>Password updated successfully</translation>
    </message>
</context>
</TS>
