package io.uptake.ingest.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SalesforceIdsTest {

    @Test
    void appendsTheCaseChecksumToA15CharacterId() {
        // Salesforce's documented example: 001A0000006Vm9r -> 001A0000006Vm9rIAC
        assertThat(SalesforceIds.to18("001A0000006Vm9r")).contains("001A0000006Vm9rIAC");
        // chunk bits: "00000"->A, "00000"->A, "00000"->A
        assertThat(SalesforceIds.to18("005000000000000")).contains("005000000000000AAA");
    }

    @Test
    void eighteenCharacterIdsKeepTheirBaseAndGetTheChecksumRecomputed() {
        assertThat(SalesforceIds.to18("001A0000006Vm9rIAC")).contains("001A0000006Vm9rIAC");
        assertThat(SalesforceIds.to18("001A0000006Vm9riac")).contains("001A0000006Vm9rIAC");
    }

    @Test
    void otherIdsAreLeftAsTheyAre() {
        assertThat(SalesforceIds.to18("u-1042")).isEmpty();
        assertThat(SalesforceIds.normalise("u-1042")).isEqualTo("u-1042");
        // "005Aa": A at 3 -> 8 -> I; "00000" -> A; "BcDeF": B,D,F at 0,2,4 -> 1+4+16=21 -> V
        assertThat(SalesforceIds.normalise("005Aa00000BcDeF")).isEqualTo("005Aa00000BcDeFIAV");
    }

    @Test
    void keyPrefixIsTheFirstThreeCharacters() {
        assertThat(SalesforceIds.keyPrefix("006Aa00000BcDeF")).contains("006");
        assertThat(SalesforceIds.keyPrefix("not-an-id")).isEmpty();
    }
}
