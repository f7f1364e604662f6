/**
 * The KMS price list is data (content/pricing/kms.json, validated by
 * content/schemas/pricing.schema.json in the content tests); this is its type.
 */
import priceList from '../../../content/pricing/kms.json' with { type: 'json' };

export type RequestCategory = 'symmetric' | 'rsa2048' | 'asymmetric' | 'eccDataKeyPair' | 'rsaDataKeyPair';

export interface PriceList {
  service: string;
  currency: 'USD';
  source: string;
  checkedOn: string;
  notes?: string[];
  keyStorage: {
    perKeyMonth: number;
    hoursPerMonth: number;
    rotationSurchargePerMonth: number;
    rotationSurchargeCap: number;
  };
  requests: {
    freeTierPerMonth: number;
    categories: Record<RequestCategory, { label: string; pricePer10k: number; freeTier: boolean }>;
  };
}

export const KMS_PRICES = priceList as PriceList;
