// Excerpt (whole lines, unchanged) of addisonj/pricesim@cbdb505146ff2c34ea44b6b5deaf6083643d5b5f:src/catalog/aws/ec2.gen.ts
// https://github.com/addisonj/pricesim/blob/cbdb505146ff2c34ea44b6b5deaf6083643d5b5f/src/catalog/aws/ec2.gen.ts
// The file's own header says:
// EC2 Linux shared-tenancy rates for us-east-1 (USD per instance-hour)
// retrieved 2026-09-24 from:
//   https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ec2/USD/current/ec2-ondemand-without-sec-sel/US%20East%20(N.%20Virginia)/Linux/index.json
//   https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/computesavingsplan/USD/current/compute-savings-plan-ec2/1%20year/No%20Upfront/US%20East%20(N.%20Virginia)/Linux/Shared/index.json
// (and the other term/payment combinations of the last two)
// ri: standard reserved instances, sp: Compute Savings Plans; effective hourly rate (upfront fee amortized
// over the term), in the order of ec2CommitmentTerms; null when not offered
// ec2CommitmentTerms = [['1y', 'noUpfront'], ['1y', 'partialUpfront'], ['1y', 'allUpfront'], ['3y', 'noUpfront'], ['3y', 'partialUpfront'], ['3y', 'allUpfront']]
// Lines kept: the c8i, m8i and r8i families (Intel 8th generation). pricing/build_catalog.py
// checks that each family's on-demand price doubles with each size step (a transcription guard).
  'c8i.large': { vcpu: 2, memoryGiB: 4, od: 0.09371, ri: null, sp: [0.06772, 0.06449, 0.06321, 0.04525, 0.04189, 0.04106] },
  'c8i.xlarge': { vcpu: 4, memoryGiB: 8, od: 0.18742, ri: null, sp: [0.13544, 0.12899, 0.12641, 0.09049, 0.08379, 0.08211] },
  'c8i.2xlarge': { vcpu: 8, memoryGiB: 16, od: 0.37484, ri: null, sp: [0.27088, 0.25798, 0.25282, 0.18098, 0.16758, 0.16422] },
  'c8i.4xlarge': { vcpu: 16, memoryGiB: 32, od: 0.74968, ri: null, sp: [0.54176, 0.51596, 0.50564, 0.36196, 0.33515, 0.32845] },
  'c8i.8xlarge': { vcpu: 32, memoryGiB: 64, od: 1.49936, ri: null, sp: [1.08352, 1.03192, 1.01128, 0.72393, 0.6703, 0.6569] },
  'c8i.12xlarge': { vcpu: 48, memoryGiB: 96, od: 2.24904, ri: null, sp: [1.62527, 1.54788, 1.51692, 1.08589, 1.00546, 0.98535] },
  'c8i.16xlarge': { vcpu: 64, memoryGiB: 128, od: 2.99872, ri: null, sp: [2.16703, 2.06384, 2.02256, 1.44786, 1.34061, 1.3138] },
  'c8i.24xlarge': { vcpu: 96, memoryGiB: 192, od: 4.49808, ri: null, sp: [3.25055, 3.09576, 3.03384, 2.17178, 2.01091, 1.97069] },
  'c8i.32xlarge': { vcpu: 128, memoryGiB: 256, od: 5.99744, ri: null, sp: [4.33406, 4.12768, 4.04512, 2.89571, 2.68122, 2.62759] },
  'c8i.48xlarge': { vcpu: 192, memoryGiB: 384, od: 8.99616, ri: null, sp: [6.50109, 6.19152, 6.06769, 4.34357, 4.02182, 3.94139] },
  'c8i.metal-48xl': { vcpu: 192, memoryGiB: 384, od: 8.99616, ri: null, sp: [6.50109, 6.19152, 6.06769, 4.34357, 4.02182, 3.94139] },
  'c8i.96xlarge': { vcpu: 384, memoryGiB: 768, od: 17.99232, ri: null, sp: [13.00219, 12.38303, 12.13537, 8.68714, 8.04365, 7.88277] },
  'c8i.metal-96xl': { vcpu: 384, memoryGiB: 768, od: 17.99232, ri: null, sp: [13.00219, 12.38303, 12.13537, 8.68714, 8.04365, 7.88277] },
  'm8i.large': { vcpu: 2, memoryGiB: 8, od: 0.10584, ri: null, sp: [0.07776, 0.07406, 0.07258, 0.05368, 0.0497, 0.04871] },
  'm8i.xlarge': { vcpu: 4, memoryGiB: 16, od: 0.21168, ri: null, sp: [0.15552, 0.14811, 0.14515, 0.10735, 0.0994, 0.09741] },
  'm8i.2xlarge': { vcpu: 8, memoryGiB: 32, od: 0.42336, ri: null, sp: [0.31104, 0.29622, 0.2903, 0.21471, 0.1988, 0.19483] },
  'm8i.4xlarge': { vcpu: 16, memoryGiB: 64, od: 0.84672, ri: null, sp: [0.62207, 0.59245, 0.5806, 0.42941, 0.3976, 0.38965] },
  'm8i.8xlarge': { vcpu: 32, memoryGiB: 128, od: 1.69344, ri: null, sp: [1.24414, 1.1849, 1.1612, 0.85882, 0.79521, 0.7793] },
  'm8i.12xlarge': { vcpu: 48, memoryGiB: 192, od: 2.54016, ri: null, sp: [1.86622, 1.77735, 1.7418, 1.28823, 1.19281, 1.16895] },
  'm8i.16xlarge': { vcpu: 64, memoryGiB: 256, od: 3.38688, ri: null, sp: [2.48829, 2.3698, 2.3224, 1.71764, 1.59041, 1.5586] },
  'm8i.24xlarge': { vcpu: 96, memoryGiB: 384, od: 5.08032, ri: null, sp: [3.73243, 3.5547, 3.48361, 2.57647, 2.38562, 2.3379] },
  'm8i.32xlarge': { vcpu: 128, memoryGiB: 512, od: 6.77376, ri: null, sp: [4.97658, 4.7396, 4.64481, 3.43529, 3.18082, 3.11721] },
  'm8i.48xlarge': { vcpu: 192, memoryGiB: 768, od: 10.16064, ri: null, sp: [7.46487, 7.1094, 6.96721, 5.15293, 4.77123, 4.67581] },
  'm8i.metal-48xl': { vcpu: 192, memoryGiB: 768, od: 10.16064, ri: null, sp: [7.46487, 7.1094, 6.96721, 5.15293, 4.77123, 4.67581] },
  'm8i.96xlarge': { vcpu: 384, memoryGiB: 1536, od: 20.32128, ri: null, sp: [14.92974, 14.2188, 13.93442, 10.30586, 9.54247, 9.35162] },
  'm8i.metal-96xl': { vcpu: 384, memoryGiB: 1536, od: 20.32128, ri: null, sp: [14.92974, 14.2188, 13.93442, 10.30586, 9.54247, 9.35162] },
  'r8i.large': { vcpu: 2, memoryGiB: 16, od: 0.13892, ri: null, sp: [0.10065, 0.09585, 0.09394, 0.07247, 0.0671, 0.06576] },
  'r8i.xlarge': { vcpu: 4, memoryGiB: 32, od: 0.27784, ri: null, sp: [0.2013, 0.19171, 0.18788, 0.14493, 0.1342, 0.13151] },
  'r8i.2xlarge': { vcpu: 8, memoryGiB: 64, od: 0.55568, ri: null, sp: [0.40259, 0.38342, 0.37575, 0.28986, 0.26839, 0.26303] },
  'r8i.4xlarge': { vcpu: 16, memoryGiB: 128, od: 1.11136, ri: null, sp: [0.80518, 0.76684, 0.7515, 0.57973, 0.53679, 0.52605] },
  'r8i.8xlarge': { vcpu: 32, memoryGiB: 256, od: 2.22272, ri: null, sp: [1.61036, 1.53368, 1.503, 1.15946, 1.07357, 1.0521] },
  'r8i.12xlarge': { vcpu: 48, memoryGiB: 384, od: 3.33408, ri: null, sp: [2.41554, 2.30052, 2.2545, 1.73919, 1.61036, 1.57815] },
  'r8i.16xlarge': { vcpu: 64, memoryGiB: 512, od: 4.44544, ri: null, sp: [3.22072, 3.06735, 3.00601, 2.31892, 2.14715, 2.1042] },
  'r8i.24xlarge': { vcpu: 96, memoryGiB: 768, od: 6.66816, ri: null, sp: [4.83108, 4.60103, 4.50901, 3.47838, 3.22072, 3.15631] },
  'r8i.32xlarge': { vcpu: 128, memoryGiB: 1024, od: 8.89088, ri: null, sp: [6.44144, 6.13471, 6.01201, 4.63784, 4.2943, 4.20841] },
  'r8i.48xlarge': { vcpu: 192, memoryGiB: 1536, od: 13.33632, ri: null, sp: [9.66216, 9.20206, 9.01802, 6.95676, 6.44144, 6.31261] },
  'r8i.metal-48xl': { vcpu: 192, memoryGiB: 1536, od: 13.33632, ri: null, sp: [9.66216, 9.20206, 9.01802, 6.95676, 6.44144, 6.31261] },
  'r8i.96xlarge': { vcpu: 384, memoryGiB: 3072, od: 26.67264, ri: null, sp: [19.32433, 18.40412, 18.03604, 13.91352, 12.88289, 12.62523] },
  'r8i.metal-96xl': { vcpu: 384, memoryGiB: 3072, od: 26.67264, ri: null, sp: [19.32433, 18.40412, 18.03604, 13.91352, 12.88289, 12.62523] },
