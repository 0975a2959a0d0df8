package dev.bursar.focus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The columns of Bursar's FinOps FOCUS 1.2 export, in order: the 21 Mandatory columns of the specification
 * ({@code specification/columns/*.md} at tag {@code v1.2}), a few Recommended and Conditional ones that FinOps tools
 * group by, then Bursar's own dimensions as {@code x_} custom columns, after every FOCUS column as the spec asks.
 */
public final class FocusColumns {

    /** The Mandatory columns of FOCUS 1.2. */
    public static final List<String> MANDATORY = List.of("BilledCost", "BillingAccountId", "BillingAccountName",
            "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass",
            "ChargeDescription", "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost", "EffectiveCost",
            "InvoiceIssuerName", "ListCost", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
            "ServiceCategory", "ServiceName");

    /** Recommended or Conditional FOCUS columns Bursar fills: the Generative AI subcategory and the tokens used. */
    public static final List<String> OPTIONAL = List.of("ChargeFrequency", "ConsumedQuantity", "ConsumedUnit",
            "ServiceSubcategory");

    /**
     * Bursar's dimensions and the ledger's detail, so a FinOps tool can allocate by customer, feature, key...; then
     * the books' own fields of a cost item row (its name, category, label, allocation rule and where it is defined),
     * null on ledger rows.
     */
    public static final List<String> CUSTOM = List.of("x_EventId", "x_RequestId", "x_EventTime", "x_KeyId",
            "x_Customer", "x_User", "x_Team", "x_Feature", "x_Environment", "x_PromptVersion", "x_RequestedModel",
            "x_Model", "x_Endpoint", "x_Status", "x_Cache", "x_InputTokens", "x_CachedInputTokens",
            "x_CacheWrite5mTokens", "x_CacheWrite1hTokens", "x_OutputTokens", "x_ReasoningTokens", "x_PriceVersion",
            "x_CostEstimated", "x_SavedCost", "x_CostItem", "x_CostCategory", "x_CostLabel", "x_CostAllocation",
            "x_CostSource");

    /** Every FOCUS 1.2 column name (Mandatory or not), so the validator can tell a custom column from a typo. */
    static final Set<String> SPEC = Set.of("AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName",
            "BillingAccountType", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "CapacityReservationId",
            "CapacityReservationStatus", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency",
            "ChargePeriodEnd", "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId",
            "CommitmentDiscountName", "CommitmentDiscountQuantity", "CommitmentDiscountStatus",
            "CommitmentDiscountType", "CommitmentDiscountUnit", "ConsumedQuantity", "ConsumedUnit", "ContractedCost",
            "ContractedUnitPrice", "EffectiveCost", "InvoiceId", "InvoiceIssuerName", "ListCost", "ListUnitPrice",
            "PricingCategory", "PricingCurrency", "PricingCurrencyContractedUnitPrice",
            "PricingCurrencyEffectiveCost", "PricingCurrencyListUnitPrice", "PricingQuantity", "PricingUnit",
            "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType",
            "ServiceCategory", "ServiceName", "ServiceSubcategory", "SkuId", "SkuMeter", "SkuPriceDetails",
            "SkuPriceId", "SubAccountId", "SubAccountName", "SubAccountType", "Tags");

    private FocusColumns() {
    }

    /** The header of Bursar's export. */
    public static List<String> all() {
        List<String> all = new ArrayList<>(MANDATORY);
        all.addAll(OPTIONAL);
        all.addAll(CUSTOM);
        return all;
    }
}
