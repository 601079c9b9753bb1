package dev.irshell.crosscheck;

import dev.irshell.action.aws.AwsClients;
import dev.irshell.sandbox.Credentials;
import dev.irshell.sandbox.Sandbox;
import dev.irshell.testsupport.MotoServer;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * One account as an emulator holds it, reached through irshell's own client factory
 * ({@link AwsClients}, the real AWS SDK v2). Both kinds start from the same picture,
 * {@code src/test/resources/crosscheck/crosscheck-account.yaml}: the sandbox loads it, moto gets
 * it through the API (user {@value #DEV} with a key and a console password, user {@value #CI} with
 * a key and no password, one instance in {@value #INSTANCE_REGION}).
 *
 * <p>{@link Kind#openInOrganization()} is the same account as the management account of an
 * organization (all features) with the {@link #MEMBERS} it created: the sandbox loads
 * {@code crosscheck-organization.yaml}, moto gets CreateOrganization and one CreateAccount per member.
 * The management account is named {@value #MANAGEMENT_NAME} with {@value #MANAGEMENT_EMAIL}, as moto
 * names it.
 */
abstract class EmulatedAccount implements AutoCloseable {
    static final String DEV = "crosscheck-dev";
    static final String CI = "crosscheck-ci";
    static final String INSTANCE_REGION = "eu-west-3";
    static final String MANAGEMENT_NAME = "master";
    static final String MANAGEMENT_EMAIL = "master@example.com";
    /** The member accounts the organization created, in the order they joined. */
    static final List<Member> MEMBERS = List.of(
            new Member("crosscheck-member-one", "member-one@crosscheck.example"),
            new Member("crosscheck-member-two", "member-two@crosscheck.example"));

    record Member(String name, String email) {
    }

    /** The emulators compared. */
    enum Kind {
        SANDBOX {
            @Override
            EmulatedAccount open() {
                return new SandboxAccount("crosscheck-account.yaml");
            }

            @Override
            EmulatedAccount openInOrganization() {
                return new SandboxAccount("crosscheck-organization.yaml");
            }
        },
        MOTO {
            @Override
            EmulatedAccount open() {
                return new MotoAccount(false);
            }

            @Override
            EmulatedAccount openInOrganization() {
                return new MotoAccount(true);
            }
        };

        /** The account, not in an organization. */
        abstract EmulatedAccount open();

        /** The account as the management account of an organization with {@link #MEMBERS}. */
        abstract EmulatedAccount openInOrganization();

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    abstract Kind kind();

    abstract String account();

    abstract URI endpoint();

    /** The administrator's clients (default region us-east-1). */
    abstract AwsClients admin();

    /** Credentials of {@value #DEV}'s key (its secret included). */
    abstract Credentials devKey();

    abstract String instanceId();

    /** Clients signing with other keys, for calls "as" a user. */
    AwsClients as(Credentials keys, String region) {
        return new AwsClients(AwsClients.Config.emulated(endpoint(), region, keys.accessKeyId(),
                keys.secretAccessKey(), false, "irshell-test/0 crosscheck", null));
    }

    /** Stops the sandbox or releases the clients; never throws. */
    @Override
    public abstract void close();

    boolean isSandbox() {
        return kind() == Kind.SANDBOX;
    }

    // ------------------------------------------------------------------ the sandbox

    private static final class SandboxAccount extends EmulatedAccount {
        private final Sandbox sandbox;
        private final AwsClients admin;

        SandboxAccount(String scenario) {
            sandbox = Sandboxes.start(scenario);
            admin = Sandboxes.clients(sandbox, sandbox.operatorCredentials(), "us-east-1");
        }

        @Override
        Kind kind() {
            return Kind.SANDBOX;
        }

        @Override
        String account() {
            return sandbox.accountId();
        }

        @Override
        URI endpoint() {
            return sandbox.endpoint();
        }

        @Override
        AwsClients admin() {
            return admin;
        }

        @Override
        Credentials devKey() {
            return new Credentials("AKIAQCROSSCHECKDEVKY", "Xq3v0cZkCrossCheckDevSecret0000000000002");
        }

        @Override
        String instanceId() {
            return "i-0c0ffee1234567890";
        }

        @Override
        public void close() {
            admin.close();
            sandbox.close();
        }
    }

    // ------------------------------------------------------------------ moto

    private static final class MotoAccount extends EmulatedAccount {
        private final MotoServer moto = MotoServer.shared(); // skips the test, saying why, when moto is absent
        private final AwsClients admin;
        private final Credentials devKey;
        private final String instanceId;

        MotoAccount(boolean inOrganization) {
            moto.reset();
            admin = new AwsClients(moto.clientConfig("us-east-1", false, null));
            admin.iam().createUser(b -> b.userName(DEV));
            AccessKey dev = admin.iam().createAccessKey(b -> b.userName(DEV)).accessKey();
            devKey = new Credentials(dev.accessKeyId(), dev.secretAccessKey());
            admin.iam().createLoginProfile(b -> b.userName(DEV).password("Crosscheck-Password-1!"));
            admin.iam().createUser(b -> b.userName(CI));
            admin.iam().createAccessKey(b -> b.userName(CI));
            instanceId = admin.ec2(INSTANCE_REGION).runInstances(b -> b.imageId("ami-12c6146b")
                    .instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1)).instances().get(0).instanceId();
            if (inOrganization) {
                admin.organizations().createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
                for (Member m : MEMBERS) {
                    admin.organizations().createAccount(b -> b.accountName(m.name()).email(m.email()));
                }
            }
        }

        @Override
        Kind kind() {
            return Kind.MOTO;
        }

        @Override
        String account() {
            return MotoServer.ACCOUNT;
        }

        @Override
        URI endpoint() {
            return moto.endpoint();
        }

        @Override
        AwsClients admin() {
            return admin;
        }

        @Override
        Credentials devKey() {
            return devKey;
        }

        @Override
        String instanceId() {
            return instanceId;
        }

        @Override
        public void close() {
            admin.close();
        }
    }
}
