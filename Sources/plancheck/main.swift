import PlanCheckKit
PlanCheckCLI.main()
