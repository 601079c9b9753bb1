package dev.irshell.sandbox;

import java.time.Instant;

/**
 * An MFA device. Virtual devices (serial {@code arn:aws:iam::ACCOUNT:mfa/NAME}) exist on their
 * own: deactivating unassigns one ({@code userName} null), DeleteVirtualMFADevice removes it.
 */
public record MfaDevice(String serialNumber, String userName, Instant enabled, String origin) {

    public boolean virtual() {
        return serialNumber.startsWith("arn:") && serialNumber.contains(":mfa/");
    }

    MfaDevice unassigned() {
        return new MfaDevice(serialNumber, null, null, origin);
    }
}
