// The Dockerfile workbench as the app's second screen: editor and options beside the explorer's
// graph canvas (a separate chunk, loaded on demand).
import { ExplorerGraphPane, Workbench } from "../../workbench/index";

export default function WorkbenchScreen() {
  return (
    <div className="canvas-area workbench-screen" data-testid="workbench-screen">
      <Workbench graphPane={<ExplorerGraphPane />} />
    </div>
  );
}
